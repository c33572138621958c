import DataLoader from 'dataloader';
import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../datasources/aggregation/aggregation-query';
import { VOCABULARIES } from '../datasources/aggregation/aggregation-vocabularies';
import type { AggregationSourceName } from '../datasources/aggregation/aggregation-vocabularies';
import { translateAggregation } from '../datasources/aggregation/aggregation-vocabulary';
import { hasErrorCode } from '../errors';
import { batchByGroup, settle } from './batch';

export type { AggregationSourceName };

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
 * request, one job-list listing per cluster for FLUX). Vocabulary fields are translated with the
 * source's table first (a field it lacks fails that jobAggregations field alone). Aggregation
 * names are prefixed per field (`f<i>__<name>`) only when several fields are merged, so two
 * fields may reuse a name; a field asked alone (and each field re-asked alone after a merged
 * request was refused) keeps the caller's names, which errors then name.
 */
export function createAggregationLoader(
  backends: AggregationBackends,
  unavailable: (source: AggregationSourceName) => Error,
): DataLoader<AggregationQuery, AggregationResultData, string> {
  const merged = async (group: readonly AggregationQuery[]): Promise<AggregationResultData[]> => {
    const first = group[0] as AggregationQuery;
    const backend = backends[first.source];
    if (!backend) throw unavailable(first.source);
    const prefix = (i: number): string => (group.length > 1 ? `f${i}__` : '');
    const translated = group.map((query) =>
      query.aggs.map((spec) => translateAggregation(VOCABULARIES[first.source], spec)),
    );
    const answer = await backend.aggregate(
      first.filter,
      translated.flatMap((specs, i) => specs.map(({ spec }) => ({ ...spec, name: `${prefix(i)}${spec.name}` }))),
    );
    return group.map((_, i) => ({
      total: answer.total,
      aggregations: answer.aggregations
        .filter((a) => a.name.startsWith(prefix(i)))
        .map((a, j) => {
          const own = { ...a, name: a.name.slice(prefix(i).length) };
          return translated[i]?.[j]?.answer(own) ?? own;
        }),
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
