import { SlowConsumerError } from '../../errors';

/** The last item of a stream that failed: the typed error the subscriber is told before it ends. */
export class StreamFailure {
  constructor(readonly error: Error) {}
}

/**
 * A per-subscriber queue between a producer that cannot wait (a shared stream fanned out to many
 * subscribers) and a consumer that pulls at its own pace. It never grows without bound: once more
 * than `maxBacklog` items wait, the backlog is dropped and the consumer gets a {@link StreamFailure}
 * with SLOW_CONSUMER, then the end. The consumer stopping (`return()`) calls `onClose` once.
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T | StreamFailure> {
  private readonly items: Array<T | StreamFailure> = [];
  private waiter: ((result: IteratorResult<T | StreamFailure>) => void) | undefined;
  /** No more items will be queued. */
  private ended = false;
  private closed = false;
  private markClosed: () => void = () => undefined;
  /** Resolves once the consumer has seen the end or stopped. */
  readonly whenClosed = new Promise<void>((resolve) => (this.markClosed = resolve));

  constructor(
    private readonly maxBacklog: number,
    private readonly onClose: () => void = () => undefined,
  ) {}

  /** Items waiting for the consumer. */
  get size(): number {
    return this.items.length;
  }

  /** True once the queue was ended, failed or closed by its consumer. */
  get done(): boolean {
    return this.ended || this.closed;
  }

  /** Queues an item (dropped after the end); false when this overflowed the backlog and failed the queue. */
  push(item: T): boolean {
    if (this.done) return false;
    if (this.waiter) {
      this.deliver({ value: item, done: false });
      return true;
    }
    this.items.push(item);
    if (this.items.length <= this.maxBacklog) return true;
    this.items.length = 0;
    this.fail(new SlowConsumerError(this.maxBacklog));
    return false;
  }

  /** Ends the queue after what it holds with `error` (a typed JobgraphError) as its last item. */
  fail(error: Error): void {
    if (this.done) return;
    const failure = new StreamFailure(error);
    if (this.waiter) this.deliver({ value: failure, done: false });
    else this.items.push(failure);
    this.ended = true;
  }

  /** Ends the queue after what it holds. */
  end(): void {
    if (this.done) return;
    this.ended = true;
    if (this.waiter && this.items.length === 0) this.deliver({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<T | StreamFailure>> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.done) {
      this.close();
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => (this.waiter = resolve));
  }

  return(): Promise<IteratorResult<T | StreamFailure>> {
    this.items.length = 0;
    this.close();
    if (this.waiter) this.deliver({ value: undefined, done: true });
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private deliver(result: IteratorResult<T | StreamFailure>): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(result);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    this.markClosed();
  }
}
