import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * How an HTTP simulator misbehaves, for every route at once:
 * - `none`: serves normally;
 * - `stall`: accepts the request and never answers (until the mode changes or it closes);
 * - `html`: 200 with an HTML error page instead of JSON;
 * - `truncated`: 200 JSON whose body stops half-way and the connection closes;
 * - `wrong-types`: 200 JSON of the expected keys with values of the wrong types;
 * - `huge`: 200 JSON of {@link HUGE_BODY_BYTES} bytes, streamed without a length;
 * - `error-500`: 500 whose body (FastAPI-, Elasticsearch- and explgbk-shaped at once) is a traceback
 *   naming internal hosts, addresses and paths ({@link INTERNAL_500_BODY}).
 */
export type HttpFaultMode = 'none' | 'stall' | 'html' | 'truncated' | 'wrong-types' | 'huge' | 'error-500';

/** The body of an `error-500` answer: every field a client might quote names an internal. */
export const INTERNAL_500_BODY = JSON.stringify({
  status_code: 500,
  detail: 'Traceback: File "/srv/aggs/app/main.py", line 41: connect to db1.internal.example:5432 (10.2.3.4) failed',
  success: false,
  errormsg: 'mongodb://10.2.3.4:27017/explgbk unreachable: /var/run/mongod.sock',
  error: {
    type: 'exception',
    reason: 'node es-data-1.internal.example/10.2.3.5:9300 failed [/usr/share/elasticsearch/data]',
    root_cause: [{ type: 'exception', reason: 'http://10.2.3.5:9200 refused' }],
  },
  status: 500,
});

/** Size of a `huge` answer, bytes (24 MiB): above every client's cap. */
export const HUGE_BODY_BYTES = 24 * 1024 * 1024;

/** Keys the eLog, jobs/aggs and Elasticsearch clients read, each with a value of the wrong type. */
const WRONG_TYPES = JSON.stringify({
  success: true,
  value: 42,
  data: { total: 'many', aggregations: 7 },
  meta: { request_id: 5 },
  access_token: 12,
  token_type: null,
  docs: 'none',
  hits: { hits: 5, total: 'x' },
  aggregations: [],
});

/** The fault switch of one HTTP simulator, and a real stop/start of its listener ("killed"). */
export interface HttpFaultSwitch {
  readonly mode: HttpFaultMode;
  /** Requests answered the faulty way so far. */
  readonly intercepted: number;
  /** Changes the mode; leaving `stall` drops the requests held so far. */
  set(mode: HttpFaultMode): void;
  /** Answers `req` the faulty way; false when the mode is `none` and the route should serve it. */
  intercept(req: IncomingMessage, res: ServerResponse): boolean;
  /** Kills the server: stops listening and drops every connection (clients see ECONNREFUSED). */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

/** Adds a fault switch to `server` (create it before the server listens). */
export function createHttpFaultSwitch(server: Server): HttpFaultSwitch {
  let bound: AddressInfo | undefined;
  const held = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let mode: HttpFaultMode = 'none';
  let intercepted = 0;
  const release = (): void => {
    for (const res of held) res.destroy();
    held.clear();
  };
  return {
    get mode() {
      return mode;
    },
    get intercepted() {
      return intercepted;
    },
    set(next) {
      if (mode === 'stall' && next !== 'stall') release();
      mode = next;
    },
    intercept(req, res) {
      if (mode === 'none') return false;
      intercepted += 1;
      req.resume();
      answer(mode, res, held);
      return true;
    },
    async stop() {
      bound = server.address() as AddressInfo;
      release();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
    start: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(bound?.port ?? 0, bound?.address ?? '127.0.0.1', () => {
          server.off('error', reject);
          resolve();
        });
      }),
  };
}

function answer(mode: Exclude<HttpFaultMode, 'none'>, res: ServerResponse, held: Set<ServerResponse>): void {
  switch (mode) {
    case 'stall':
      held.add(res);
      res.once('close', () => held.delete(res));
      return;
    case 'html':
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<html><head><title>502 Proxy Error</title></head><body><h1>Proxy Error</h1></body></html>');
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
      res.write('{"success": true, "value": [{"num": 1, "begin_time": "2024-');
      setTimeout(() => res.destroy(), 5).unref();
      return;
    case 'wrong-types':
      res.writeHead(200, { 'content-type': 'application/json' }).end(WRONG_TYPES);
      return;
    case 'huge':
      streamHuge(res);
      return;
    case 'error-500':
      res
        .writeHead(500, { 'content-type': 'application/json', 'x-elastic-product': 'Elasticsearch' })
        .end(INTERNAL_500_BODY);
      return;
    default:
      throw new Error(`unknown fault mode ${String(mode satisfies never)}`);
  }
}

const CHUNK = Buffer.alloc(1024 * 1024, 'x');

function streamHuge(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.write('{"success": true, "value": "');
  let sent = 0;
  const pump = (): void => {
    while (sent < HUGE_BODY_BYTES && !res.destroyed) {
      sent += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end('"}');
  };
  pump();
}
