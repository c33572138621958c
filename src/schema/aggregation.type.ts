import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AggregationBucket } from './aggregation-bucket.type';
import { AggregationKind } from './aggregation-kind.enum';
import { Percentile } from './aggregation-percentile.type';

/** The answer to one AggregationRequest; which fields are set depends on its kind. */
@ObjectType({ description: 'The answer to one AggregationRequest; which fields are set depends on its kind.' })
export class Aggregation {
  @Field(() => String, { description: 'The name given in the request.' })
  name!: string;

  @Field(() => AggregationKind)
  kind!: AggregationKind;

  @Field(() => Int, { nullable: true, description: 'FILTER: the matching documents.' })
  docCount!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'METRIC (but PERCENTILES): the value; null when no document has the field.',
  })
  value!: number | null;

  @Field(() => String, { nullable: true })
  valueAsString!: string | null;

  @Field(() => [AggregationBucket], { nullable: true, description: 'TERMS, DATE_HISTOGRAM, RANGE.' })
  buckets!: AggregationBucket[] | null;

  @Field(() => [Percentile], { nullable: true, description: 'METRIC PERCENTILES: one entry per asked percent.' })
  percentiles!: Percentile[] | null;
}
