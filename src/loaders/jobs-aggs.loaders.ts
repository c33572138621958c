import DataLoader from 'dataloader';
import type {
  AggregationBackend,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../datasources/aggregation/aggregation-query';
import type { JobsAggsDatasource, PreparedRequest } from '../datasources/jobs-aggs/jobs-aggs-datasource';
import { batchByGroup } from './batch';
import { tracedBatch } from './traced-batch';

/** What one GraphQL request fixes for every jobs/aggs call it makes. */
export interface JobsAggsRequestScope {
  /** "Now" of the request, epoch ms: the default window [now − 90 d, now] is computed from it once (contract §3.2). */
  nowMs: number;
}

function cacheKey(request: PreparedRequest): string {
  return `${request.groupKey}\n${request.items.map((item) => item.wireKey).join('\n')}`;
}

/**
 * The jobs/aggs source for one GraphQL request, as an {@link AggregationBackend}. Calls are
 * validated at once (a bad one fails alone, nothing sent), then collected per tick: calls whose
 * bodies differ only in `aggs` (the contract's canonical group key: lists sorted and deduplicated,
 * defaults filled in) go out as ONE request, identical aggregations under one wire name;
 * different groups go out in parallel; an identical call is answered from the request's cache.
 * Build one per request (never at module scope).
 */
export function createJobsAggsLoaders(datasource: JobsAggsDatasource, scope: JobsAggsRequestScope): AggregationBackend {
  const loader = new DataLoader<PreparedRequest, AggregationResultData, string>(
    tracedBatch(
      'jobs-aggs',
      batchByGroup(
        (request) => request.groupKey,
        async (members) => {
          const answer = await datasource.execute(
            (members[0] as PreparedRequest).group,
            members.flatMap((m) => m.items),
          );
          let offset = 0;
          return members.map((member) => {
            offset += member.items.length;
            return {
              total: answer.total,
              aggregations: answer.aggregations.slice(offset - member.items.length, offset),
            };
          });
        },
      ),
    ),
    { cacheKeyFn: cacheKey },
  );
  return {
    async aggregate(filter: AggregationFilterSpec, aggs: AggregationSpec[]): Promise<AggregationResultData> {
      const answer = await loader.load(datasource.prepare(filter, aggs, scope.nowMs));
      // The cache key ignores names: an identical call under other names gets its own names back.
      return {
        total: answer.total,
        aggregations: answer.aggregations.map((agg, i) => ({ ...agg, name: aggs[i]?.name ?? agg.name })),
      };
    },
  };
}
