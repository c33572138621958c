import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeMessage, FluxDecoder } from '../../../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../../../src/datasources/flux/flux-message';
import type { FluxMessage } from '../../../src/datasources/flux/flux-message';
import {
  decodeJsonPayload,
  encodeJsonPayload,
  encodeTextPayload,
  payloadText,
} from '../../../src/datasources/flux/flux-payload';
import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';

const ALL_JOBS = '{"max_entries":0,"attrs":["all"],"since":0.0,"constraint":{"and":[{"states":[126]}]}}';

/** A request as the replay broker received it. */
export interface ReceivedRequest {
  topic: string;
  payload: string;
  flags: number;
  matchtag: number;
  bytes: Buffer;
}

/** Test hooks of the replay broker. */
export interface ReplayBrokerOptions {
  /** Handshake byte written on connect (non-zero: then closed). Default 0. */
  handshake?: number;
  /** Topics never answered. */
  stall?: string[];
  /** Socket path to reuse (restart on the same path). */
  path?: string;
}

/**
 * The recorded broker: answers every fixture request (matched by topic and exact payload text)
 * with the recorded response bytes, re-stamped with the request's matchtag. Test topics:
 * `test.echo` ({"n"} back, replies to one read chunk in reverse order), `test.watch` (streaming:
 * `{"i":k}` every 5 ms until `test.watch-cancel`), `test.burst` (streaming: `{"i":0..n-1}` at
 * once, then ENODATA), `job-list.list` naming the job `pre-0.82` (one reply without `version`, as
 * brokers before v0.82 answer), `test.garbage` (bytes with a wrong stream magic), `test.array` (a
 * success reply whose JSON payload is an array). Anything else: ENOSYS like the broker.
 */
export async function startReplayBroker(options: ReplayBrokerOptions = {}): Promise<{
  path: string;
  requests: ReceivedRequest[];
  connections: () => number;
  kill(): Promise<void>;
  close(): Promise<void>;
}> {
  const dir = options.path ? undefined : mkdtempSync(join(tmpdir(), 'flux-replay-'));
  const path = options.path ?? join(dir as string, 'local');
  const recorded = new Map<string, FluxMessage[]>();
  for (const c of loadFluxFixtures().cases)
    recorded.set(`${c.request.topic}\0${c.request.payload}`, new FluxDecoder().push(c.responseBytes));
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;

  const respond = (socket: Socket, req: FluxMessage, errnum: number, payload?: Buffer): void => {
    const flags =
      (req.flags & (FLUX_MSGFLAG.STREAMING | FLUX_MSGFLAG.ROUTE | FLUX_MSGFLAG.TOPIC)) |
      (payload ? FLUX_MSGFLAG.PAYLOAD : 0);
    const msg: FluxMessage = {
      type: FLUX_MSGTYPE.RESPONSE,
      flags,
      userid: 1001,
      rolemask: 5,
      aux1: errnum,
      aux2: req.aux2,
      routes: [],
      topic: req.topic as string,
    };
    if (payload) msg.payload = payload;
    if (!socket.destroyed) socket.write(encodeMessage(msg));
  };

  const watches = new Map<string, NodeJS.Timeout>();
  const handle = (socket: Socket, req: FluxMessage, id: number, later: Array<() => void>): void => {
    const topic = req.topic ?? '';
    const text = req.payload ? payloadText(req.payload) : '';
    requests.push({ topic, payload: text, flags: req.flags, matchtag: req.aux2, bytes: encodeMessage(req) });
    if (options.stall?.includes(topic)) return;
    const replay = recorded.get(`${topic}\0${text}`);
    if (replay) {
      for (const r of replay) socket.write(encodeMessage({ ...r, aux2: req.aux2 }));
      return;
    }
    if (topic === 'test.echo')
      return void later.push(() =>
        respond(socket, req, 0, encodeJsonPayload({ n: decodeJsonPayload(req.payload!).n })),
      );
    if (topic === 'test.garbage') return void socket.write(Buffer.from('GET / HTTP/1.1\r\n\r\n'));
    if (topic === 'test.array') return respond(socket, req, 0, Buffer.from('[1,2]\0'));
    if (topic === 'test.burst') {
      const n = Number(decodeJsonPayload(req.payload!).n);
      for (let i = 0; i < n; i++) respond(socket, req, 0, encodeJsonPayload({ i }));
      return respond(socket, req, 61);
    }
    if (topic === 'job-list.list' && text.includes('"pre-0.82"')) {
      const streamed = recorded
        .get(`job-list.list\0${ALL_JOBS}`)!
        .filter((m) => m.aux1 === 0)
        .slice(0, 3);
      const jobs = streamed.map((m) => (decodeJsonPayload(m.payload!).jobs as unknown[])[0]);
      return respond(socket, req, 0, encodeJsonPayload({ jobs }));
    }
    if (topic === 'test.watch') {
      let i = 0;
      const timer = setInterval(() => respond(socket, req, 0, encodeJsonPayload({ i: i++ })), 5);
      timers.add(timer);
      watches.set(`${id}:${req.aux2}`, timer);
      return;
    }
    if (topic === 'test.watch-cancel') {
      const tag = Number(decodeJsonPayload(req.payload!).matchtag);
      const timer = watches.get(`${id}:${tag}`);
      clearInterval(timer);
      watches.delete(`${id}:${tag}`);
      return respond(socket, { ...req, topic: 'test.watch', flags: req.flags | FLUX_MSGFLAG.STREAMING, aux2: tag }, 61);
    }
    if (!(req.flags & FLUX_MSGFLAG.NORESPONSE))
      respond(socket, req, 38, encodeTextPayload(`No service matching ${topic} is registered`));
  };

  const server: Server = createServer((socket) => {
    const id = ++connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(Buffer.from([options.handshake ?? 0]));
    if (options.handshake) return void socket.end();
    const decoder = new FluxDecoder();
    socket.on('data', (chunk) => {
      const later: Array<() => void> = [];
      try {
        for (const req of decoder.decode(chunk)) handle(socket, req, id, later);
      } catch {
        socket.destroy();
      }
      later.reverse().forEach((f) => f());
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  const shutdown = async (): Promise<void> => {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return {
    path,
    requests,
    connections: () => connections,
    kill: shutdown,
    close: async () => {
      await shutdown();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
