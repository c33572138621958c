import type { RpcReply } from './rpc-session';

type Entry = { value: Record<string, unknown> } | { error: unknown } | { end: true };

/** Hooks a {@link FluxRpcStream} calls back into its client with. */
export interface RpcStreamControl {
  /** The consumer stopped early or the stream failed on our side: cancel or abandon the RPC. */
  cancel(): void;
  /** The stream is complete without a final reply (pre-0.82 single reply): free the matchtag. */
  release(): void;
  /** Buffered items crossed the high-water mark (`true`) or drained below half of it (`false`). */
  backpressure(stalled: boolean): void;
  /** An item arrived (resets the idle deadline). */
  activity(): void;
}

/**
 * The replies of one streaming RPC as an async iterator of JSON objects. It ends after the
 * ENODATA reply; any other error reply, a deadline, an abort or a lost connection makes `next()`
 * reject. Breaking out of a `for await` (or `return()`) cancels the RPC.
 */
export class FluxRpcStream implements AsyncIterableIterator<Record<string, unknown>> {
  private readonly items: Entry[] = [];
  private waiter: ((entry: Entry) => void) | undefined;
  /** No more entries will be queued (the terminal one is queued, or the consumer returned). */
  private done = false;
  /** The consumer has seen the end or returned. */
  private closed = false;
  private cancelled = false;
  private stalled = false;
  private control: RpcStreamControl | undefined;

  constructor(private readonly highWater: number) {}

  /** Connects the stream to its RPC (done by the client once the request is sent). */
  attach(control: RpcStreamControl): void {
    this.control = control;
    if (this.cancelled) control.cancel();
  }

  /** Routes a reply of the RPC to the consumer. */
  push(reply: RpcReply): void {
    if (this.done) return;
    if (reply.kind === 'value') {
      this.control?.activity();
      this.enqueue({ value: reply.value });
    } else this.enqueue(reply.kind === 'end' ? { end: true } : { error: reply.error });
  }

  /** Ends the stream with an error (deadline, abort, connection loss). */
  fail(error: unknown): void {
    if (!this.done) this.enqueue({ error });
  }

  /** Frees the RPC's matchtag and ends the stream after the buffered items (pre-0.82 brokers). */
  finishEarly(): void {
    if (this.done) return;
    this.control?.release();
    this.enqueue({ end: true });
  }

  /** Items buffered and not yet consumed. */
  get buffered(): number {
    return this.items.length;
  }

  async next(): Promise<IteratorResult<Record<string, unknown>>> {
    const queued = this.items.shift();
    const entry =
      queued ??
      (this.closed ? ({ end: true } as const) : await new Promise<Entry>((resolve) => (this.waiter = resolve)));
    if (this.stalled && this.items.length <= this.highWater / 2) this.unstall();
    if ('value' in entry) return { value: entry.value, done: false };
    this.close();
    if ('error' in entry) throw entry.error;
    return { value: undefined, done: true };
  }

  /**
   * Every reply buffered now (waiting for one when none is), for consumers that handle replies in
   * batches; undefined at the end. Throws like {@link next} once the buffered replies are taken.
   */
  async nextBatch(): Promise<Array<Record<string, unknown>> | undefined> {
    const first = await this.next();
    if (first.done) return undefined;
    const batch = [first.value];
    while (this.items.length > 0 && 'value' in (this.items[0] as Entry))
      batch.push((this.items.shift() as { value: Record<string, unknown> }).value);
    if (this.stalled && this.items.length <= this.highWater / 2) this.unstall();
    return batch;
  }

  async return(): Promise<IteratorResult<Record<string, unknown>>> {
    const live = !this.done;
    this.close();
    this.items.length = 0;
    if (live) {
      this.cancelled = true;
      this.control?.cancel();
    }
    return { value: undefined, done: true };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private enqueue(entry: Entry): void {
    if (!('value' in entry)) this.done = true;
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      return waiter(entry);
    }
    this.items.push(entry);
    if (!this.stalled && this.items.length >= this.highWater) {
      this.stalled = true;
      this.control?.backpressure(true);
    }
  }

  private unstall(): void {
    this.stalled = false;
    this.control?.backpressure(false);
  }

  private close(): void {
    this.done = true;
    this.closed = true;
    if (this.stalled) this.unstall();
    if (this.waiter) {
      const waiter = this.waiter;
      this.waiter = undefined;
      waiter({ end: true });
    }
  }
}
