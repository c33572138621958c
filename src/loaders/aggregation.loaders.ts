import DataLoader from 'dataloader';
import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../datasources/aggregation/aggregation-query';

/** Where jobAggregations reads from (the GraphQL enum AggregationSource). */
export type AggregationSourceName = 'ELASTICSEARCH' | 'JOBS_API';

/** One `jobAggregations` field of a GraphQL request. */
export interface AggregationQuery {
  source: AggregationSourceName;
  filter: AggregationFilterSpec;
  aggs: AggregationSpec[];
}

/** A backend per source; a source whose backend is unset answers with `unavailable(source)`. */
export type AggregationBackends = Partial<Record<AggregationSourceName, AggregationBackend>>;

function filterKey(query: Pick<AggregationQuery, 'source' | 'filter'>): string {
  const sorted = Object.fromEntries(
    Object.entries(query.filter)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return JSON.stringify([query.source, sorted]);
}

/**
 * Per-request loader: every `jobAggregations` field of one GraphQL request with the same source
 * and filter becomes ONE backend call (one `_search` with size 0 for Elasticsearch, one jobs/aggs
 * request). Aggregation names are prefixed per field (`f<i>__<name>`) in the merged request, so
 * two fields may reuse a name, and stripped again in each field's answer.
 */
export function createAggregationLoader(
  backends: AggregationBackends,
  unavailable: (source: AggregationSourceName) => Error,
  options: { signal?: AbortSignal } = {},
): DataLoader<AggregationQuery, AggregationResultData, string> {
  return new DataLoader<AggregationQuery, AggregationResultData, string>(
    async (queries) => {
      const groups = new Map<string, number[]>();
      queries.forEach((query, index) => groups.set(filterKey(query), [...(groups.get(filterKey(query)) ?? []), index]));
      const results = new Array<AggregationResultData | Error>(queries.length);
      const run = async (indexes: number[]): Promise<void> => {
        const first = queries[indexes[0] as number] as AggregationQuery;
        const backend = backends[first.source];
        try {
          if (!backend) throw unavailable(first.source);
          const merged = indexes.flatMap((index) =>
            (queries[index] as AggregationQuery).aggs.map((spec) => ({ ...spec, name: `f${index}__${spec.name}` })),
          );
          const answer = await backend.aggregate(
            first.filter,
            merged,
            options.signal ? { signal: options.signal } : {},
          );
          for (const index of indexes) {
            const prefix = `f${index}__`;
            results[index] = {
              total: answer.total,
              aggregations: answer.aggregations
                .filter((a) => a.name.startsWith(prefix))
                .map((a) => ({ ...a, name: a.name.slice(prefix.length) })),
            };
          }
        } catch (error) {
          // One field's invalid request must not fail the others merged with it: ask them one by one.
          if (indexes.length > 1 && (error as { code?: string }).code === 'BAD_USER_INPUT') {
            await Promise.all(indexes.map((index) => run([index])));
            return;
          }
          for (const index of indexes) results[index] = error instanceof Error ? error : new Error(String(error));
        }
      };
      await Promise.all([...groups.values()].map(run));
      return results;
    },
    { cacheKeyFn: (query) => JSON.stringify([filterKey(query), query.aggs]) },
  );
}
