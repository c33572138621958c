import { FluxTimeoutError } from './flux-rpc-error';
import type { InFlightLimiter } from './in-flight-limiter';
import type { FluxCredentials, PendingRpc, RpcReply, RpcSession } from './rpc-session';

/**
 * Who hears how one call ends: exactly one of the two, once. Must not throw (it runs inside the
 * connection's read, where a throw would end the connection).
 */
export interface RpcHandler {
  onValue(value: Record<string, unknown>): void;
  onError(error: unknown): void;
}

/** What a call needs of its client (a FluxRpcClient makes one for all its calls). */
export interface CallHost {
  readonly limiter: InFlightLimiter;
  /** The live session, if any (no promise when there is one). */
  session(): RpcSession | undefined;
  /** Connects (or waits for the connection under way). */
  connect(): Promise<RpcSession>;
  /** The request of `topic` left (for the client's counts). */
  sent(topic: string): void;
  /** Gives up a sent call's tag (it is kept until the broker answers). */
  abandon(session: RpcSession, tag: number): void;
}

/** The calls waiting on each signal, in the order they started waiting. */
const waiting = new WeakMap<AbortSignal, Set<RpcCall>>();

/**
 * Gives `call` up when `signal` aborts, through ONE 'abort' listener per signal: EventTarget's
 * add and remove walk the signal's listener list, and a page's 500 lookups share one signal (the
 * fault policy's), ~5 µs per call. The calls are given up in the order they started waiting, as
 * listeners would be called.
 */
function waitForAbort(signal: AbortSignal, call: RpcCall): void {
  let calls = waiting.get(signal);
  if (!calls) {
    const all = new Set<RpcCall>();
    waiting.set(signal, all);
    signal.addEventListener(
      'abort',
      () => {
        waiting.delete(signal);
        for (const one of all) one.giveUp(signal.reason);
      },
      { once: true },
    );
    calls = all;
  }
  calls.add(call);
}

function onDeadline(call: RpcCall): void {
  call.giveUp(new FluxTimeoutError(call.topic, call.timeoutMs));
}

/**
 * One request, one reply, as one object: the RPC the session routes the reply to, the deadline
 * (one timer, armed once the call holds its slot) and the caller's abort, with no promise or
 * closure per step. A slot and a live session are usually at hand, and the request then leaves
 * synchronously. A call given up (deadline, caller's abort) after its request left keeps its tag
 * until the broker answers (abandoned).
 */
export class RpcCall implements PendingRpc {
  readonly streaming = false;
  orphan = false;
  private timer: NodeJS.Timeout | undefined;
  private sentOn: RpcSession | undefined;
  private tag = 0;
  private done = false;

  constructor(
    private readonly host: CallHost,
    readonly topic: string,
    private readonly payload: Record<string, unknown>,
    private readonly credentials: FluxCredentials | undefined,
    private readonly signal: AbortSignal | undefined,
    /** Deadline once holding a slot, ms; 0 = none. */
    readonly timeoutMs: number,
    private readonly handler: RpcHandler,
  ) {}

  /** Takes a slot (or queues for one) and sends; the handler hears the end, maybe at once (signal aborted already). */
  begin(): void {
    const { signal } = this;
    if (signal?.aborted) {
      this.done = true;
      return this.handler.onError(signal.reason);
    }
    if (signal) waitForAbort(signal, this);
    if (this.host.limiter.tryAcquire()) this.holding();
    else
      this.host.limiter.acquire(signal).then(
        () => this.holding(),
        (error: unknown) => this.fail(error),
      );
  }

  onReply(reply: RpcReply): void {
    if (reply.kind === 'value') {
      if (this.finish()) this.handler.onValue(reply.value);
    } else this.fail(reply.kind === 'error' ? reply.error : new Error('unexpected end'));
  }

  onFail(reason: Error): void {
    this.fail(reason);
  }

  /** Ends the call with `reason` (deadline, abort); a request already sent is abandoned. */
  giveUp(reason: unknown): void {
    if (!this.finish()) return;
    if (this.sentOn) this.host.abandon(this.sentOn, this.tag);
    this.handler.onError(reason);
  }

  private finish(): boolean {
    if (this.done) return false;
    this.done = true;
    clearTimeout(this.timer);
    if (this.signal) waiting.get(this.signal)?.delete(this);
    return true;
  }

  private fail(error: unknown): void {
    if (this.finish()) this.handler.onError(error);
  }

  private holding(): void {
    const { host } = this;
    if (this.done) return host.limiter.release();
    if (this.timeoutMs > 0) this.timer = setTimeout(onDeadline, this.timeoutMs, this);
    const session = host.session();
    if (session) return this.send(session);
    host.connect().then(
      (connected) => this.send(connected),
      (error: unknown) => {
        host.limiter.release();
        this.fail(error);
      },
    );
  }

  private send(session: RpcSession): void {
    // Given up while connecting: the slot was never used.
    if (this.done) return this.host.limiter.release();
    try {
      this.tag = session.start(this, this.payload, this.credentials);
    } catch (error) {
      this.host.limiter.release();
      return this.fail(error);
    }
    this.sentOn = session;
    this.host.sent(this.topic);
  }
}
