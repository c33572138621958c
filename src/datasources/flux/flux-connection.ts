import { setTimeout as delay } from 'node:timers/promises';
import { FluxDecoder, MessageWriter } from './flux-codec';
import type { FluxMessage } from './flux-message';
import { ERRNO } from './errno';
import { errnoName } from './errno';
import { FluxConnectionError } from './flux-rpc-error';
import { openLocalLink, openSshLink } from './flux-link';
import type { FluxLink, FluxSshOptions } from './flux-link';
import { parseFluxUri } from './flux-uri';

/** How to open a connection. */
export interface FluxConnectOptions extends FluxSshOptions {
  /** `FLUX_URI`: `local://PATH` or `ssh://[user@]host[:port]/PATH`. */
  uri: string;
  /** Deadline for connecting and reading the handshake byte, ms. Default 10,000. */
  connectTimeoutMs?: number;
}

const HANDSHAKE_REASONS: Record<number, string> = { [ERRNO.EPERM]: "the gateway's Unix user may not connect" };

function readHandshake(link: FluxLink, uri: string, ssh: boolean, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      link.input.off('data', onData);
      link.input.off('end', onEnd);
      link.input.off('error', onError);
    };
    const fail = (err: Error): void => {
      cleanup();
      link.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer): void => {
      cleanup();
      link.input.pause();
      const byte = chunk[0] as number;
      if (byte === 0) return resolve(chunk.subarray(1));
      link.destroy();
      if (ssh)
        return reject(
          new FluxConnectionError(
            ERRNO.EPROTO,
            `${uri}: the remote shell wrote to stdout before flux relay started (first byte 0x${byte.toString(16)})`,
          ),
        );
      const reason = HANDSHAKE_REASONS[byte] ?? 'the broker refused the connection';
      reject(new FluxConnectionError(byte, `${reason} (${uri} answered the handshake with ${errnoName(byte)})`));
    };
    const onEnd = (): void => {
      cleanup();
      void Promise.race([link.closed, delay(1000)]).then(() => {
        const why = link.diagnostics();
        fail(new FluxConnectionError(ERRNO.ECONNRESET, `${uri} closed before the handshake${why ? `: ${why}` : ''}`));
      });
    };
    const onError = (err: Error): void =>
      fail(
        new FluxConnectionError(
          ERRNO.ECONNRESET,
          `${uri}: ${err.message}${link.diagnostics() ? `: ${link.diagnostics()}` : ''}`,
          { cause: err },
        ),
      );
    const timer = setTimeout(
      () => fail(new FluxConnectionError(ERRNO.ETIMEDOUT, `${uri}: no handshake within ${timeoutMs} ms`)),
      timeoutMs,
    );
    link.input.on('data', onData);
    link.input.once('end', onEnd);
    link.input.once('error', onError);
  });
}

/** Bytes of requests queued in one tick that are written at once, before the tick ends. */
const EARLY_WRITE_BYTES = 16 * 1024;

/**
 * One open connection to a broker, past its handshake: writes encoded messages, decodes the
 * incoming stream, and reports its end once (lost, protocol error, or closed by us). The RPC
 * layer ({@link FluxRpcClient}) owns matchtags and pending calls.
 */
export class FluxConnection {
  /** Called for every decoded message. */
  onMessage: (msg: FluxMessage) => void = () => undefined;
  /** Called once when the connection ends: why (ECONNRESET, a FluxProtocolError, or our close). */
  onClose: (reason: Error) => void = () => undefined;
  private ended = false;
  private flushQueued = false;
  private readonly decoder = new FluxDecoder();
  private readonly writer = new MessageWriter();

  private constructor(
    private readonly link: FluxLink,
    readonly uri: string,
    leftover: Buffer,
  ) {
    link.input.on('data', (chunk: Buffer) => this.receive(chunk));
    link.input.once('end', () =>
      this.finish(new FluxConnectionError(ERRNO.ECONNRESET, `the connection to the Flux broker (${uri}) was lost`)),
    );
    link.input.once('error', (err) =>
      this.finish(
        new FluxConnectionError(ERRNO.ECONNRESET, `the connection to the Flux broker (${uri}) failed: ${err.message}`, {
          cause: err,
        }),
      ),
    );
    link.output.on('error', (err) =>
      this.finish(
        new FluxConnectionError(ERRNO.ECONNRESET, `writing to the Flux broker (${uri}) failed: ${err.message}`, {
          cause: err,
        }),
      ),
    );
    if (leftover.length > 0) queueMicrotask(() => this.receive(leftover));
    link.input.resume();
  }

  /** Connects, reads the 1-byte handshake, and returns the connection; rejects with {@link FluxConnectionError}. */
  static async open(options: FluxConnectOptions): Promise<FluxConnection> {
    const uri = parseFluxUri(options.uri);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    const link = uri.kind === 'local' ? await openLocalLink(uri.path) : openSshLink(uri, options);
    const leftover = await readHandshake(link, options.uri, uri.kind === 'ssh', timeoutMs);
    return new FluxConnection(link, options.uri, leftover);
  }

  /** True once the connection has ended. */
  get closed(): boolean {
    return this.ended;
  }

  /**
   * Encodes and writes one message; throws when the connection has ended (or a RangeError when its
   * fields disagree, before anything is queued). Messages sent in the same tick are encoded back to
   * back into shared 64 KiB chunks and leave in one write at the next tick, or in slices of 16 KiB as
   * they are encoded: a pipelined burst of lookups was one syscall per request here and one read per
   * request at the broker, and then one buffer per request in a writev (11 % of a page's client CPU).
   */
  send(msg: FluxMessage): void {
    if (this.ended)
      throw new FluxConnectionError(ERRNO.ECONNRESET, `the connection to the Flux broker (${this.uri}) is closed`);
    this.writer.append(msg);
    // A long burst leaves in slices as it is encoded: the broker starts on the first requests while the
    // rest are encoded (a 500-job page's 250 lookups per connection all waited for the last one).
    if (this.writer.size >= EARLY_WRITE_BYTES) this.writeQueued();
    if (!this.flushQueued) {
      this.flushQueued = true;
      process.nextTick(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.flushQueued = false;
    // Ended meanwhile: finish() wrote what was queued before the end.
    if (!this.ended) this.writeQueued();
  };

  private writeQueued(): void {
    for (const chunk of this.writer.take()) this.link.output.write(chunk, () => this.writer.recycle(chunk));
  }

  /** Stops reading (backpressure for a slow stream consumer). */
  pause(): void {
    this.link.input.pause();
  }

  /** Resumes reading after {@link pause}. */
  resume(): void {
    if (!this.ended) this.link.input.resume();
  }

  /** Ends the connection; pending callers get `reason` through {@link onClose}. */
  close(
    reason: Error = new FluxConnectionError(
      ERRNO.ECONNRESET,
      `the connection to the Flux broker (${this.uri}) was closed by the client`,
    ),
  ): Promise<void> {
    this.finish(reason);
    return this.link.closed;
  }

  /** Hands one decoded message on; decoding stops once the connection has ended. */
  private readonly deliver = (msg: FluxMessage): boolean => {
    this.onMessage(msg);
    return !this.ended;
  };

  private receive(chunk: Buffer): void {
    if (this.ended) return;
    try {
      this.decoder.decodeEach(chunk, this.deliver);
    } catch (err) {
      this.finish(err as Error);
    }
  }

  private finish(reason: Error): void {
    if (this.ended) return;
    this.ended = true;
    // What was sent before the end still leaves first (e.g. a stream's cancel right before close).
    this.writeQueued();
    this.link.end(2000);
    this.onClose(reason);
  }
}
