/**
 * A minimal broker for the listing benchmark, run as a child process so its memory does not
 * count: `node flux-list-server.js SOCKET N`. Answers `job-list.list` with N streamed replies
 * (writing with backpressure), then ENODATA; prints `ready` once listening.
 */
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { once } from 'node:events';
import { FluxDecoder } from '../src/datasources/flux/flux-codec';
import { benchReplyMessage, benchReplyText } from './flux-bench-entries';

async function streamJobs(socket: Socket, matchtag: number, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    if (!socket.write(benchReplyMessage(benchReplyText(i), matchtag))) await once(socket, 'drain');
  }
  socket.write(benchReplyMessage('', matchtag, 61));
}

const [path, count] = [process.argv[2] as string, Number(process.argv[3])];
const server = createServer((socket) => {
  socket.on('error', () => undefined);
  socket.write(Buffer.from([0]));
  const decoder = new FluxDecoder();
  socket.on('data', (chunk) => {
    for (const req of decoder.decode(chunk)) if (req.topic === 'job-list.list') void streamJobs(socket, req.aux2, count);
  });
});
server.listen(path, () => console.log('ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
