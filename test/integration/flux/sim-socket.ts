import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { encodeMessage, FluxDecoder } from '../../../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../../../src/datasources/flux/flux-message';
import type { FluxMessage } from '../../../src/datasources/flux/flux-message';

/** Flags of a plain RPC request: TOPIC|PAYLOAD|ROUTE. */
export const RPC = FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE;

/** One request message's bytes (payload frame given with its NUL). */
export function request(topic: string, payload: Uint8Array | undefined, matchtag: number, flags = RPC): Buffer {
  return encodeMessage({
    type: FLUX_MSGTYPE.REQUEST,
    flags: payload ? flags : flags & ~FLUX_MSGFLAG.PAYLOAD,
    userid: 0xffffffff,
    rolemask: 0,
    aux1: 0xffffffff,
    aux2: matchtag,
    routes: [],
    topic,
    payload,
  });
}

/** A JSON payload frame: the text and a NUL. */
export const json = (text: string): Buffer => Buffer.from(`${text}\0`);

/** Every message the simulator sent after the handshake byte. */
export function replies(client: RawClient): FluxMessage[] {
  return new FluxDecoder().push(client.received().subarray(1));
}

/** A message's payload text without its NUL. */
export function text(msg: FluxMessage | undefined): string | undefined {
  return msg?.payload ? Buffer.from(msg.payload).toString('utf8').replace(/\0$/, '') : undefined;
}

/** A raw client socket that records every byte it receives. */
export interface RawClient {
  socket: Socket;
  received(): Buffer;
  /** Resolves once at least `n` bytes arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Buffer>;
  /** Resolves when the peer closes. */
  closed: Promise<void>;
}

/** Connects to a Unix socket and records what arrives. */
export function rawConnect(path: string): Promise<RawClient> {
  return new Promise((resolveClient, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const waiters: Array<() => void> = [];
    const socket = connect(path);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      total += c.length;
      waiters.splice(0).forEach((w) => w());
    });
    socket.on('close', () => waiters.splice(0).forEach((w) => w()));
    socket.once('error', reject);
    socket.once('connect', () =>
      resolveClient({
        socket,
        closed,
        received: () => Buffer.concat(chunks),
        waitFor: (n, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const deadline = setTimeout(() => fail(new Error(`only ${total} of ${n} bytes arrived`)), timeoutMs);
            const check = (): void => {
              if (total >= n || socket.destroyed) {
                clearTimeout(deadline);
                done(Buffer.concat(chunks));
              } else waiters.push(check);
            };
            check();
          }),
      }),
    );
  });
}

/**
 * Polls `check` every 10 ms until it holds (rejects after `timeoutMs`: 15 s by default, since a
 * full parallel CI run once starved a worker past 5 s while the simulator output test waited).
 */
export async function waitUntil(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
