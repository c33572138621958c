import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { AggregationFilter } from '../schema/aggregation-filter.input';
import { AggregationRequest } from '../schema/aggregation-request.input';
import { AggregationResult } from '../schema/aggregation-result.type';
import { AggregationSource } from '../schema/aggregation-source.enum';
import type { GraphQLContext } from './graphql-context';
import { toAggregationFilterSpec, toAggregationResult, toAggregationSpec } from './aggregation.mapper';

/** `jobAggregations`: the same request shape for every source; batched per source and filter by the aggregation loader. */
@Resolver()
export class AggregationResolver {
  @Query(() => AggregationResult, {
    nullable: true,
    description:
      'Aggregations over jobs from one source, in one vocabulary of fields and values (AggregationField) whatever the source; ' +
      'rawField takes the source\'s own names instead (ELASTICSEARCH: "state", "submittedAt"; JOBS_API: "job.state", "@timestamp"; FLUX: "t_submit"). ' +
      'Every jobAggregations field of one request with the same source and filter costs one backend request. Null (with an error) when the source fails or is not configured.',
  })
  async jobAggregations(
    @Arg('source', () => AggregationSource) source: AggregationSource,
    @Arg('aggs', () => [AggregationRequest]) aggs: AggregationRequest[],
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AggregationFilter, { nullable: true }) filter?: AggregationFilter | null,
  ): Promise<AggregationResult> {
    const specs = aggs.map(toAggregationSpec);
    const data = await ctx.loaders.aggregations.load({ source, filter: toAggregationFilterSpec(filter), aggs: specs });
    return toAggregationResult(data);
  }
}
