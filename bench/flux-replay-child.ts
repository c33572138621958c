/**
 * Child process of bench/flux-client.bench.ts: a broker that only replays. It answers each
 * job-info.lookup with the simulator's reply for that job, written once at start
 * (`lookupReplies`), re-stamped with the request's matchtag: no lookup, no JSON, nothing per
 * request but framing, so the client's CPU is measured against a broker that costs almost
 * nothing. Sends `{ socketPath }` over IPC; exits when the parent disconnects.
 */
import { unlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMessage } from '../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../src/datasources/flux/flux-message';
import { lookupReplies } from './flux-replay-replies';

const HEADER = 8;
const ID = /"id":(-?\d+)/;

function main(): void {
  const [jobCount, seed, now, jobs] = process.argv.slice(2).map(Number) as [number, number, number, number];
  const replies = new Map<string, Buffer>();
  for (const { wireId, json } of lookupReplies({ jobCount, seed, now }, jobs))
    replies.set(
      wireId,
      encodeMessage({
        type: FLUX_MSGTYPE.RESPONSE,
        flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE,
        userid: 990,
        rolemask: 5,
        aux1: 0,
        aux2: 0,
        routes: [],
        topic: 'job-info.lookup',
        payload: Buffer.from(`${json}\0`),
      }),
    );
  const socketPath = join(tmpdir(), `flux-replay-${process.pid}.sock`);
  const server = createServer((socket) => {
    socket.write(Buffer.from([0]));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      const out: Buffer[] = [];
      let at = 0;
      while (pending.length - at >= HEADER) {
        const length = pending.readUInt32BE(at + 4);
        if (pending.length - at < HEADER + length) break;
        const body = pending.subarray(at + HEADER, at + HEADER + length);
        const wireId = ID.exec(body.toString('latin1'))?.[1] ?? '';
        const reply = replies.get(wireId);
        if (!reply) throw new Error(`no recorded reply for job ${wireId}`);
        const stamped = Buffer.from(reply);
        stamped.writeUInt32BE(body.readUInt32BE(length - 4), stamped.length - 4);
        out.push(stamped);
        at += HEADER + length;
      }
      pending = pending.subarray(at);
      if (out.length > 0) socket.write(Buffer.concat(out));
    });
    socket.on('error', () => undefined);
  });
  server.listen(socketPath, () => process.send?.({ socketPath }));
  process.on('disconnect', () => {
    server.close();
    try {
      unlinkSync(socketPath);
    } catch {
      // gone already
    }
    process.exit(0);
  });
}

main();
