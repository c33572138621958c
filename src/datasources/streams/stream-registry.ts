import type { BoundedQueue, StreamFailure } from './bounded-queue';

/** An open subscription stream: something that can be ended from outside (shutdown). */
type Endable = Pick<BoundedQueue<unknown>, 'end'>;

/**
 * The subscription streams open in one gateway process: counted for `/metrics` and ended together
 * on shutdown (each subscriber then gets its stream's completion, not a cut connection).
 */
export class StreamRegistry {
  private readonly open = new Set<Endable>();

  /** Streams open now. */
  get size(): number {
    return this.open.size;
  }

  /** Tracks `queue` until its consumer stops; returns it. */
  track<T>(queue: BoundedQueue<T>): AsyncIterableIterator<T | StreamFailure> {
    this.open.add(queue);
    void queue.whenClosed.then(() => this.open.delete(queue));
    return queue;
  }

  /** Ends every open stream (they complete after what they hold). */
  endAll(): void {
    for (const queue of this.open) queue.end();
  }
}
