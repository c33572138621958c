#!/usr/bin/env node
/* eslint-disable @typescript-eslint/no-require-imports -- a plain CommonJS script run as a child process */
/* global Buffer */
// Stand-in for `ssh [-p port] [user@]host RCMD relay PATH`: records its argv, then acts as
// `flux relay`: connects to PATH, checks the broker's handshake, writes 00, pipes stdio.
const net = require('node:net');
const fs = require('node:fs');
const args = process.argv.slice(2);
if (process.env.STAND_IN_SSH_LOG) fs.writeFileSync(process.env.STAND_IN_SSH_LOG, JSON.stringify(args));
const path = args[args.length - 1];
const socket = net.createConnection({ path });
socket.on('error', (err) => {
  process.stderr.write(`flux-relay: ${path}: ${err.message}\n`);
  process.exit(1);
});
socket.once('data', (chunk) => {
  if (chunk[0] !== 0) {
    process.stderr.write(`flux-relay: broker refused the connection (errno ${chunk[0]})\n`);
    process.exit(1);
  }
  process.stdout.write(Buffer.from([0]));
  if (chunk.length > 1) process.stdout.write(chunk.subarray(1));
  socket.pipe(process.stdout);
  process.stdin.pipe(socket);
  process.stdin.on('end', () => socket.end());
  socket.on('close', () => process.exit(0));
});
