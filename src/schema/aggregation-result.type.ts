import { Field, Int, ObjectType } from 'type-graphql';
import { Aggregation } from './aggregation.type';

/** The answer to `jobAggregations`. */
@ObjectType({ description: 'The answer to jobAggregations.' })
export class AggregationResult {
  @Field(() => Int, { description: 'Documents matching the filter, whatever the aggregations ask.' })
  total!: number;

  @Field(() => [Aggregation], { description: 'One per AggregationRequest, in request order.' })
  aggregations!: Aggregation[];
}
