import { connect } from 'node:net';
import type { Socket } from 'node:net';

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
