import { setTimeout as delay } from 'node:timers/promises';
import { createDeadline, raceAbort } from './deadline';
import type { Deadline } from './deadline';
import { ERRNO } from './errno';
import { FluxConnection } from './flux-connection';
import type { FluxConnectOptions } from './flux-connection';
import { FluxConnectionError, FluxTimeoutError, isRetryableConnectionError } from './flux-rpc-error';
import { FluxRpcStream } from './flux-rpc-stream';
import { InFlightLimiter } from './in-flight-limiter';
import { RpcSession } from './rpc-session';
import type { FluxCredentials, PendingRpc } from './rpc-session';
import { RpcCall } from './rpc-call';
import type { CallHost, RpcHandler } from './rpc-call';
import { SpanKind } from '@opentelemetry/api';
import { jobgraphTracer, traced } from '../../tracing/traced';

/** Settings of one {@link FluxRpcClient} (one connection, reopened on demand). */
export interface FluxRpcClientOptions extends FluxConnectOptions {
  /**
   * Deadline of an RPC, and default idle deadline of a stream, ms. Default 30,000. It counts from
   * the moment the RPC holds an in-flight slot (connecting included): time queued behind
   * `maxInFlight` is bounded by the caller's signal, not by this.
   */
  timeoutMs?: number;
  /** RPCs holding a matchtag at once; more wait in FIFO order. Default 256. */
  maxInFlight?: number;
  /** Items a stream buffers before the connection stops reading. Default 1,024. */
  streamHighWater?: number;
  /** Connect attempts per reconnect. Default 5. */
  connectAttempts?: number;
  /** First reconnect delay, doubling per failure up to `backoffMaxMs`, ms. Defaults 16 / 2,000. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
}

/** Per-call options. */
export interface FluxCallOptions {
  signal?: AbortSignal;
  /** Overrides the client's deadline, ms; 0 = none. */
  timeoutMs?: number;
  /** Credentials to stamp (owner connections only); default: the connection's. */
  credentials?: FluxCredentials;
}

/** Per-stream options. */
export interface FluxStreamOptions extends Omit<FluxCallOptions, 'timeoutMs'> {
  /** Longest wait for the first item and between items, ms; 0 = none. Default: the client's `timeoutMs`. */
  idleTimeoutMs?: number;
  /** Topic that cancels this stream (`{"matchtag":N}`, no reply), e.g. `job-info.eventlog-watch-cancel`. */
  cancelTopic?: string;
}

/**
 * RPCs over one broker connection, opened lazily and reopened with exponential backoff after it
 * is lost. Pipelines many RPCs (bounded by `maxInFlight`); when the connection ends every pending
 * RPC and stream fails at once with {@link FluxConnectionError} (ECONNRESET).
 */
export class FluxRpcClient {
  private session: RpcSession | undefined;
  private connecting: Promise<RpcSession> | undefined;
  private readonly limiter: InFlightLimiter;
  private readonly counts: Record<string, number> = {};
  private backoffMs: number;
  private nextConnectAt = 0;
  private closed = false;

  /** What this client's calls use of it (one object for all of them). */
  private readonly host: CallHost;

  constructor(private readonly options: FluxRpcClientOptions) {
    this.limiter = new InFlightLimiter(options.maxInFlight ?? 256);
    this.host = {
      limiter: this.limiter,
      session: () => this.session,
      connect: () => this.getSession(),
      sent: (topic) => {
        this.counts[topic] = (this.counts[topic] ?? 0) + 1;
      },
      abandon: (session, tag) => this.abandon(session, tag),
    };
    this.backoffMs = options.backoffInitialMs ?? 16;
  }

  /**
   * One request, one reply: the reply's JSON object, or a {@link FluxRpcError} / connection / timeout
   * error. With tracing on, a client span `flux <topic>` covers it.
   */
  call(
    topic: string,
    payload: Record<string, unknown>,
    options: FluxCallOptions = {},
  ): Promise<Record<string, unknown>> {
    if (!jobgraphTracer()) return this.callUntraced(topic, payload, options);
    return traced(
      `flux ${topic}`,
      { 'rpc.system': 'flux', 'rpc.method': topic },
      () => this.callUntraced(topic, payload, options),
      SpanKind.CLIENT,
    );
  }

  /**
   * {@link call} without a promise: the outcome goes to `handler` (see {@link RpcHandler}), maybe
   * before this returns (a signal aborted already). Same request, deadline, abort and errors.
   */
  send(topic: string, payload: Record<string, unknown>, options: FluxCallOptions, handler: RpcHandler): void {
    if (jobgraphTracer())
      return void this.call(topic, payload, options).then(
        (value) => handler.onValue(value),
        (error: unknown) => handler.onError(error),
      );
    this.start(topic, payload, options, handler);
  }

  private callUntraced(
    topic: string,
    payload: Record<string, unknown>,
    options: FluxCallOptions,
  ): Promise<Record<string, unknown>> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    return new Promise((resolve, reject) => this.start(topic, payload, options, { onValue: resolve, onError: reject }));
  }

  private start(topic: string, payload: Record<string, unknown>, options: FluxCallOptions, handler: RpcHandler): void {
    const ms = options.timeoutMs ?? this.timeoutMs;
    new RpcCall(this.host, topic, payload, options.credentials, options.signal, ms, handler).begin();
  }

  /** A streaming RPC (STREAMING flag): one JSON object per reply until ENODATA. */
  stream(topic: string, payload: Record<string, unknown>, options: FluxStreamOptions = {}): FluxRpcStream {
    const stream = new FluxRpcStream(this.options.streamHighWater ?? 1024);
    const ms = options.idleTimeoutMs ?? this.timeoutMs;
    let holding = false;
    const deadline = createDeadline(
      ms,
      () => new FluxTimeoutError(topic, ms, 'next item'),
      options.signal,
      () => !holding || stream.buffered > 0,
    );
    const rpc: PendingRpc = {
      topic,
      streaming: true,
      orphan: false,
      onReply: (reply) => {
        if (reply.final) deadline.dispose();
        stream.push(reply);
      },
      onFail: (reason) => {
        deadline.dispose();
        stream.fail(reason);
      },
    };
    this.begin(rpc, payload, deadline, () => (holding = true), options.credentials).then(
      ({ session, tag }) => {
        let cancelled = false;
        const cancel = (): void => {
          if (cancelled) return;
          cancelled = true;
          deadline.dispose();
          if (options.cancelTopic) session.notify(options.cancelTopic, { matchtag: tag });
          this.abandon(session, tag);
        };
        deadline.signal.addEventListener(
          'abort',
          () => {
            stream.fail(deadline.signal.reason);
            cancel();
          },
          { once: true },
        );
        stream.attach({
          cancel,
          release: () => {
            deadline.dispose();
            session.release(tag);
          },
          backpressure: (stalled) => session.stall(stalled),
          activity: () => deadline.reset(),
        });
      },
      (err: unknown) => {
        deadline.dispose();
        stream.fail(err);
      },
    );
    return stream;
  }

  /** RPCs sent since start, by topic. */
  rpcCounts(): Readonly<Record<string, number>> {
    return { ...this.counts };
  }

  /** RPCs holding a matchtag plus those waiting for one (what the pool balances on; no object per call). */
  get pending(): number {
    return this.limiter.inUse + this.limiter.queued;
  }

  /** RPCs holding a matchtag / waiting for one. */
  get load(): { inFlight: number; queued: number } {
    return { inFlight: this.limiter.inUse, queued: this.limiter.queued };
  }

  /** Closes the connection; pending RPCs fail with ECONNRESET and later calls are refused. */
  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.session?.connection.close(new FluxConnectionError(ERRNO.ECONNRESET, 'the Flux client was closed'));
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 30_000;
  }

  /** Waits for an in-flight slot (then restarts `deadline`), connects if needed and sends the request. */
  private async begin(
    rpc: PendingRpc,
    payload: Record<string, unknown>,
    deadline: Deadline,
    onSlot: () => void,
    credentials?: FluxCredentials,
  ): Promise<{ session: RpcSession; tag: number }> {
    const { signal } = deadline;
    await this.limiter.acquire(signal);
    onSlot();
    deadline.reset();
    let session: RpcSession;
    let tag: number;
    try {
      session = await raceAbort(this.getSession(), signal);
      tag = session.start(rpc, payload, credentials);
    } catch (err) {
      this.limiter.release();
      throw err;
    }
    this.counts[rpc.topic] = (this.counts[rpc.topic] ?? 0) + 1;
    return { session, tag };
  }

  private abandon(session: RpcSession, tag: number): void {
    session.abandon(tag);
    if (session.orphanCount >= this.limiter.max) {
      void session.connection.close(
        new FluxConnectionError(
          ERRNO.ECONNRESET,
          `${session.orphanCount} abandoned RPCs hold every matchtag slot; reconnecting`,
        ),
      );
    }
  }

  private getSession(): Promise<RpcSession> {
    if (this.closed) return Promise.reject(new FluxConnectionError(ERRNO.ECONNRESET, 'the Flux client is closed'));
    if (this.session) return Promise.resolve(this.session);
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  /**
   * Opens a connection: up to `connectAttempts` tries 16, 32, 64… ms apart (upstream's connect
   * retry). When they all fail the broker counts as down: calls until `nextConnectAt` fail at
   * once (no caller waits out a backoff it did not cause), and the wait doubles with each failed
   * reconnect up to `backoffMaxMs`.
   */
  private async connect(): Promise<RpcSession> {
    const attempts = this.options.connectAttempts ?? 5;
    const initial = this.options.backoffInitialMs ?? 16;
    const wait = this.nextConnectAt - Date.now();
    if (wait > 0)
      throw new FluxConnectionError(
        ERRNO.ECONNREFUSED,
        `the Flux broker is unreachable; next reconnect attempt in ${wait} ms`,
      );
    for (let attempt = 1; ; attempt++) {
      try {
        const connection = await FluxConnection.open(this.options);
        if (this.closed) {
          await connection.close();
          throw new FluxConnectionError(ERRNO.ECONNRESET, 'the Flux client is closed');
        }
        this.backoffMs = initial;
        const session = new RpcSession(
          connection,
          () => this.limiter.release(),
          (ended) => {
            if (this.session === ended) this.session = undefined;
          },
        );
        this.session = session;
        return session;
      } catch (err) {
        if (attempt >= attempts || !isRetryableConnectionError(err) || this.closed) {
          this.nextConnectAt = Date.now() + this.backoffMs;
          this.backoffMs = Math.min(this.options.backoffMaxMs ?? 2_000, this.backoffMs * 2);
          throw err;
        }
        await delay(initial * 2 ** (attempt - 1));
      }
    }
  }
}
