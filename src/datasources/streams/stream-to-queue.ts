import { JobgraphError, UpstreamUnavailableError } from '../../errors';
import { BoundedQueue } from './bounded-queue';

/**
 * Reads `open(signal)` eagerly into a {@link BoundedQueue} of `maxBacklog`, mapping each item
 * (`map` returning undefined drops it): the producer (a Flux stream) never waits for the consumer,
 * and a consumer that falls behind is dropped with SLOW_CONSUMER. The source's end ends the queue;
 * its failure becomes the queue's last item (typed: anything untyped is UPSTREAM_UNAVAILABLE).
 * The consumer stopping, or the queue failing, aborts the source (the RPC is cancelled).
 */
export function streamToQueue<S, T>(
  open: (signal: AbortSignal) => AsyncIterable<S>,
  map: (item: S) => T | undefined,
  maxBacklog: number,
): BoundedQueue<T> {
  const abort = new AbortController();
  const queue = new BoundedQueue<T>(maxBacklog, () => abort.abort());
  void (async () => {
    try {
      for await (const item of open(abort.signal)) {
        if (queue.done) break;
        const mapped = map(item);
        if (mapped !== undefined && !queue.push(mapped)) break;
      }
      queue.end();
    } catch (error) {
      queue.fail(
        error instanceof JobgraphError
          ? error
          : new UpstreamUnavailableError('flux', `stream failed: ${(error as Error).message}`),
      );
    } finally {
      if (!abort.signal.aborted && queue.done) abort.abort();
    }
  })();
  return queue;
}
