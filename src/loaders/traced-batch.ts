import type { BatchLoadFn } from 'dataloader';
import { jobgraphTracer, traced } from '../tracing/traced';

/**
 * A loader's batch function inside a span `loader <name>` (one per dispatch, with the number of
 * keys), so the backend calls of one batch sit under it in a trace. Tracing off: `batch` as is.
 */
export function tracedBatch<K, V>(name: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> {
  return (keys) =>
    jobgraphTracer()
      ? traced(`loader ${name}`, { 'jobgraph.loader': name, 'jobgraph.loader.keys': keys.length }, () =>
          Promise.resolve(batch(keys)),
        )
      : batch(keys);
}
