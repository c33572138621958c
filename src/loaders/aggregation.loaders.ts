import DataLoader from 'dataloader';
import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../datasources/aggregation/aggregation-query';
import { hasErrorCode } from '../errors';
import { batchByGroup, settle } from './batch';

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
): DataLoader<AggregationQuery, AggregationResultData, string> {
  const merged = async (group: readonly AggregationQuery[]): Promise<AggregationResultData[]> => {
    const first = group[0] as AggregationQuery;
    const backend = backends[first.source];
    if (!backend) throw unavailable(first.source);
    const answer = await backend.aggregate(
      first.filter,
      group.flatMap((query, i) => query.aggs.map((spec) => ({ ...spec, name: `f${i}__${spec.name}` }))),
    );
    return group.map((_, i) => ({
      total: answer.total,
      aggregations: answer.aggregations
        .filter((a) => a.name.startsWith(`f${i}__`))
        .map((a) => ({ ...a, name: a.name.slice(`f${i}__`.length) })),
    }));
  };
  return new DataLoader<AggregationQuery, AggregationResultData, string>(
    batchByGroup<AggregationQuery, AggregationResultData>(filterKey, async (group) => {
      try {
        return await merged(group);
      } catch (error) {
        // One field's invalid request must not fail the others merged with it: ask them one by one.
        if (group.length > 1 && hasErrorCode(error, 'BAD_USER_INPUT'))
          return Promise.all(
            group.map((query) => settle(async () => (await merged([query]))[0] as AggregationResultData)),
          );
        throw error;
      }
    }),
    { cacheKeyFn: (query) => JSON.stringify([filterKey(query), query.aggs]) },
  );
}
