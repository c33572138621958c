import type { Client } from '@elastic/elasticsearch';
import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../aggregation/aggregation-query';
import { UpstreamError } from '../../errors';
import type { BackendPolicy } from '../resilience/backend-policy';
import { bulkIndex } from './bulk-writer';
import type { BulkIndexOptions, BulkIndexResult, BulkItem } from './bulk-writer';
import { createElasticClient } from './elastic-client';
import { toElasticError } from './elastic-error.mapper';
import { elasticAggregationSearch } from './elastic-aggregation.request';
import { elasticAggregationResult } from './elastic-aggregation.response';
import type { JobDocument } from './job-document';
import { jobDocumentId } from './job-document-id';
import { ensureForwarderStateIndex, ensureJobHistoryIndex } from './job-history.index';
import { searchJobHistory } from './job-history.search';
import type { JobHistoryPage, JobHistoryRequest } from './job-history.search';

/** Settings of {@link createElasticDatasource} (the `elastic` config section with a URL). */
export interface ElasticDatasourceOptions {
  url: string;
  /** Job-history alias. */
  index: string;
  /** Forwarder watermark index. */
  stateIndex: string;
  requestTimeoutMs: number;
  pitKeepAlive: string;
  /** 1 for the gateway; 0 for the forwarder, which retries in its own loop. */
  maxRetries?: number;
  /**
   * The gateway's fault policy for reads (history search, lookups, aggregations): deadline,
   * retries when unreachable, breaker shown in /readyz, bulkhead. Writes and the forwarder's own
   * loop do not use it. Default: none (the client's own timeout and retries only).
   */
  policy?: BackendPolicy;
}

/** Job history in Elasticsearch: searches, lookups, aggregations and the forwarder's writes. */
export interface ElasticDatasource extends AggregationBackend {
  /** The alias read and written. */
  readonly index: string;
  readonly stateIndex: string;
  /** The process-wide client (forwarder and tests). */
  readonly client: Client;
  /** One page of history (search_after; PIT from the second page). */
  searchHistory(request: JobHistoryRequest, options?: { signal?: AbortSignal }): Promise<JobHistoryPage>;
  /**
   * `mget` of the jobs `ids` of `cluster`: one entry per id in order, null where the job is not in
   * history. A document forwarded before clusters existed (its id alone) answers when the
   * cluster has none; without `cluster`, only those are looked up.
   */
  getJobs(
    ids: readonly bigint[],
    options?: { cluster?: string; signal?: AbortSignal },
  ): Promise<Array<JobDocument | null>>;
  /** All aggregations of one filter in one `_search` with size 0. */
  aggregate(
    filter: AggregationFilterSpec,
    aggs: AggregationSpec[],
    options?: { signal?: AbortSignal },
  ): Promise<AggregationResultData>;
  /** Installs the template, the alias's first index and the watermark index (idempotent). */
  ensureIndices(): Promise<void>;
  /** Bulk-indexes job documents by id (see bulkIndex). */
  indexJobs(items: ReadonlyArray<BulkItem<JobDocument>>, options?: BulkIndexOptions): Promise<BulkIndexResult>;
  /** Makes every write visible to searches now (tests, benchmarks). */
  refresh(): Promise<void>;
  /** `cluster.health` (the test node answers `GET /` with 405). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Creates the datasource and its client; connects lazily, so a cluster that is down fails the calls, not the start. */
export function createElasticDatasource(options: ElasticDatasourceOptions): ElasticDatasource {
  const client = createElasticClient({
    url: options.url,
    requestTimeoutMs: options.requestTimeoutMs,
    maxRetries: options.maxRetries ?? 1,
  });
  const { index, stateIndex, policy } = options;
  const read = <T>(
    what: string,
    signal: AbortSignal | undefined,
    run: (signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> => (policy ? policy.read((attempt) => run(attempt), what, signal) : run(signal));
  return {
    index,
    stateIndex,
    client,
    searchHistory: (request, call = {}) =>
      read('job history search', call.signal, (signal) =>
        searchJobHistory({ client, index, pitKeepAlive: options.pitKeepAlive, ...(signal ? { signal } : {}) }, request),
      ),
    async getJobs(ids, call = {}) {
      if (ids.length === 0) return [];
      return read('job history lookup', call.signal, async (signal) => {
        try {
          const { cluster } = call;
          const wanted = ids.flatMap((id) =>
            cluster === undefined
              ? [jobDocumentId(undefined, id)]
              : [jobDocumentId(cluster, id), jobDocumentId(undefined, id)],
          );
          const response = await client.mget<JobDocument>(
            { index, ids: wanted, _source_excludes: ['jobspec'] },
            { signal },
          );
          if (response.docs.length !== wanted.length)
            throw new UpstreamError(
              'elasticsearch',
              `Elasticsearch answered ${response.docs.length} documents for ${wanted.length} ids`,
            );
          const found = response.docs.map((doc) => ('found' in doc && doc.found && doc._source ? doc._source : null));
          const per = wanted.length / Math.max(1, ids.length);
          return ids.map((_, i) => found.slice(i * per, (i + 1) * per).find((doc) => doc !== null) ?? null);
        } catch (error) {
          throw toElasticError(error, 'job history lookup');
        }
      });
    },
    async aggregate(filter, aggs, call = {}) {
      const request = elasticAggregationSearch(filter, aggs);
      return read('aggregations', call.signal, async (signal) => {
        try {
          return elasticAggregationResult(aggs, await client.search({ index, ...request }, { signal }));
        } catch (error) {
          throw toElasticError(error, 'aggregations');
        }
      });
    },
    async ensureIndices() {
      await ensureJobHistoryIndex(client, index);
      await ensureForwarderStateIndex(client, stateIndex);
    },
    indexJobs: (items, bulkOptions) => bulkIndex(client, index, items, bulkOptions),
    async refresh() {
      try {
        await client.indices.refresh({ index: [index, stateIndex], ignore_unavailable: true });
      } catch (error) {
        throw toElasticError(error, 'refresh');
      }
    },
    // Through the policy like every read, so /readyz answers at once while the breaker is open.
    ping: () =>
      read('health check', undefined, async (signal) => {
        try {
          await client.cluster.health({ timeout: '1s' }, { signal });
        } catch (error) {
          throw toElasticError(error, 'health check');
        }
      }),
    close: () => client.close(),
  };
}
