import { ERRNO, errnoName } from './errno';

/** The broker answered an RPC with an error: errnum (Linux errno), its name and the broker's text. */
export class FluxRpcError extends Error {
  /** Symbolic name of {@link errnum}, e.g. `ENOENT`. */
  readonly errno: string;

  constructor(
    readonly topic: string,
    readonly errnum: number,
    /** The broker's error text; `undefined` when the reply had no payload. */
    readonly brokerMessage: string | undefined,
  ) {
    super(`${topic}: ${errnoName(errnum)}${brokerMessage ? `: ${brokerMessage}` : ''}`);
    this.name = 'FluxRpcError';
    this.errno = errnoName(errnum);
  }
}

/**
 * No usable connection: connect() failed, the handshake byte was an errno (e.g. EPERM: the
 * gateway's Unix user may not connect), the ssh relay did not start, or the connection was lost
 * (ECONNRESET) while the RPC was pending.
 */
export class FluxConnectionError extends Error {
  readonly errno: string;

  constructor(
    readonly errnum: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${errnoName(errnum)}: ${message}`, options);
    this.name = 'FluxConnectionError';
    this.errno = errnoName(errnum);
  }
}

/** A connection that failed or was lost, where trying again may succeed: not a refusal by policy (EPERM, EACCES). */
export function isRetryableConnectionError(err: unknown): boolean {
  return err instanceof FluxConnectionError && err.errnum !== ERRNO.EPERM && err.errnum !== ERRNO.EACCES;
}

/** An RPC (or the gap between two items of a stream) exceeded its client-side deadline. */
export class FluxTimeoutError extends Error {
  constructor(
    readonly topic: string,
    readonly timeoutMs: number,
    what: 'reply' | 'next item' = 'reply',
  ) {
    super(`${topic}: no ${what} from the Flux broker within ${timeoutMs} ms`);
    this.name = 'FluxTimeoutError';
  }
}
