import { eventsJournal } from './events-journal';
import type { JournalEntry } from './events-journal';
import { lookupOutput, OUTPUT_KEY } from './job-output';
import type { BackendPolicy } from '../resilience/backend-policy';
import { getBrokerAttr } from './broker-attr';
import { FluxClientPool } from './flux-client-pool';
import type { BatchIterator } from './batch-iterator';
import type { FluxDatasource, FluxJobQuery, JobCount, JobListing } from './flux-datasource';
import { isFluxNotFound, mapFluxError } from './flux-error.mapper';
import type { FluxJob, FluxJobEvent, FluxJobStats } from './flux-job';
import type { FluxRpcClientOptions } from './flux-rpc';
import { controlJobs } from './job-control';
import { watchEventlog } from './job-info';
import { createBatchedLookup } from './lookup-batch';
import { countJobs, fetchJobStats, listJobId, listJobs } from './job-list';
import { mapJobStats } from './job-stats.mapper';
import { lookupMany } from './lookup-many';
import { mapJobEntry } from './job.mapper';
import { formatJobId } from './job-id';

/** Settings of the Flux datasource: the connection/RPC settings plus the pool. */
export interface FluxDatasourceOptions extends FluxRpcClientOptions {
  /** Connections to the broker (`JOBGRAPH_FLUX_POOL_SIZE`). Default 2. */
  poolSize?: number;
  /** Deadline/retry/breaker policy for one-shot reads (streams bypass it). Default: none (the RPC deadline alone). */
  policy?: BackendPolicy;
  /** Most jobs `countJobs` counts exactly (`JOBGRAPH_FLUX_COUNT_MAX_JOBS`). Default {@link DEFAULT_COUNT_MAX_JOBS}. */
  countMaxJobs?: number;
}

/** Default of `JOBGRAPH_FLUX_COUNT_MAX_JOBS`. */
export const DEFAULT_COUNT_MAX_JOBS = 10_000;

/** `inner` with errors mapped to typed ones: a plain iterator, not a generator layer per item. */
function guardedIterator<T>(inner: AsyncIterator<T>, what: string): AsyncIterableIterator<T> {
  const fail = (err: unknown): never => {
    throw mapFluxError(err, what);
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => inner.next().catch(fail),
    return: async (value?: unknown) =>
      inner.return ? inner.return(value).catch(fail) : { done: true, value: undefined as T },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** `items` with errors mapped to typed ones. */
function guarded<T>(items: AsyncIterable<T>, what: string): AsyncIterable<T> {
  return { [Symbol.asyncIterator]: () => guardedIterator(items[Symbol.asyncIterator](), what) };
}

/** A listing with errors mapped to typed ones, item by item or by batches alike. */
function guardedListing(listing: BatchIterator<FluxJob>, what: string): Required<JobListing> {
  return {
    [Symbol.asyncIterator]: () => guardedIterator(listing, what),
    batches: () => guardedIterator(listing.batches(), what),
  };
}

/**
 * The {@link FluxDatasource} over a pool of native connections (`local://` or `ssh://`). Nothing
 * connects until the first call. Errors carry `backend: 'flux'` (see {@link mapFluxError}).
 */
export function createFluxDatasource(options: FluxDatasourceOptions): FluxDatasource {
  const pool = new FluxClientPool(options, options.poolSize ?? 2);
  const read = <T>(what: string, op: (signal?: AbortSignal) => Promise<T>): Promise<T> => {
    // Typed inside the policy, so it sees UPSTREAM_UNAVAILABLE/UPSTREAM_TIMEOUT: raw client
    // errors (socket gone, refused) neither opened the breaker nor were retried. The policy's
    // own failures (breaker open, timeout) come out typed already.
    const typed = (signal?: AbortSignal): Promise<T> =>
      op(signal).catch((err: unknown) => Promise.reject(mapFluxError(err, what)));
    return options.policy ? options.policy.read(typed, what) : typed();
  };
  const orNull = async <T>(op: () => Promise<T>): Promise<T | null> => {
    try {
      return await op();
    } catch (err) {
      if (isFluxNotFound(err)) return null;
      throw err;
    }
  };
  const signalOf = (signal?: AbortSignal): { signal?: AbortSignal } => (signal ? { signal } : {});

  return {
    listJobs(query: FluxJobQuery, callOptions: { signal?: AbortSignal } = {}): JobListing {
      return guardedListing(listJobs(pool, query, signalOf(callOptions.signal)), 'job-list.list');
    },
    async countJobs(query: FluxJobQuery, callOptions: { signal?: AbortSignal } = {}): Promise<JobCount> {
      const max = options.countMaxJobs ?? DEFAULT_COUNT_MAX_JOBS;
      // A stream, like listJobs: outside the one-shot policy (its deadline is per reply).
      const count = await countJobs(pool, query, max, signalOf(callOptions.signal)).catch((err: unknown) =>
        Promise.reject(mapFluxError(err, 'job-list.list (count)')),
      );
      return { count, exact: count <= max, max };
    },
    getJob(id: bigint): Promise<FluxJob | null> {
      return orNull(() =>
        read(`job-list.list-id ${formatJobId(id)}`, async (signal) =>
          mapJobEntry(await listJobId(pool, id, signalOf(signal))),
        ),
      );
    },
    lookup: createBatchedLookup(pool, options.policy),
    lookupMany: (ids, keys, callOptions) => lookupMany(pool, ids, keys, callOptions),
    jobStats(): Promise<FluxJobStats> {
      return read('job-list.job-stats', async (signal) => mapJobStats(await fetchJobStats(pool, signalOf(signal))));
    },
    controlJobs: (requests) => controlJobs(pool, requests),
    watchEventlog(id: bigint, callOptions: { signal?: AbortSignal } = {}): AsyncIterable<FluxJobEvent> {
      return guarded(
        watchEventlog(pool, id, signalOf(callOptions.signal)),
        `job-info.eventlog-watch ${formatJobId(id)}`,
      );
    },
    brokerAttr(name: string): Promise<string | null> {
      return orNull(() =>
        read(`attr.get ${name}`, async (signal) => (await getBrokerAttr(pool, name, signalOf(signal))).value),
      );
    },
    jobOutput(id: bigint): Promise<FluxJobEvent[] | null> {
      return orNull(() =>
        read(`job-info.lookup ${formatJobId(id)} ${OUTPUT_KEY}`, (signal) => lookupOutput(pool, id, signalOf(signal))),
      );
    },
    watchOutput(id: bigint, callOptions: { signal?: AbortSignal } = {}): AsyncIterable<FluxJobEvent> {
      return guarded(
        watchEventlog(pool, id, { path: OUTPUT_KEY, flags: 1, ...signalOf(callOptions.signal) }),
        `job-info.eventlog-watch ${formatJobId(id)} ${OUTPUT_KEY}`,
      );
    },
    eventsJournal(callOptions: { signal?: AbortSignal } = {}): AsyncIterable<JournalEntry | 'sentinel'> {
      return guarded(eventsJournal(pool, signalOf(callOptions.signal)), 'job-manager.events-journal');
    },
    async ping(): Promise<void> {
      await read('attr.get size', (signal) => getBrokerAttr(pool, 'size', signalOf(signal)));
    },
    rpcCounts: () => pool.rpcCounts(),
    close: () => pool.close(),
  };
}
