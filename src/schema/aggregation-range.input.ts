import { Field, Float, InputType } from 'type-graphql';
import { AggregationField } from './aggregation-field.enum';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';

/** One range of a RangeAggregation: [from, to). */
@InputType({ description: 'One range: from (inclusive) to to (exclusive).' })
export class RangeBound {
  @Field(() => Float, { nullable: true })
  from?: number;

  @Field(() => Float, { nullable: true })
  to?: number;

  @Field(() => String, { nullable: true })
  key?: string;
}

/** Documents per numeric or date range. ELASTICSEARCH and FLUX. */
@InputType({ description: 'Documents per numeric or date range. ELASTICSEARCH and FLUX.' })
export class RangeAggregation {
  @Field(() => AggregationField, {
    nullable: true,
    description: 'A field of the aggregation vocabulary (the same on every source). Give this or rawField.',
  })
  field?: AggregationFieldName;

  @Field(() => String, {
    nullable: true,
    description:
      'The source\'s own field name (e.g. "submittedAt", "job.state", "t_submit"), values unmapped. Give this or field.',
  })
  rawField?: string;

  @Field(() => [RangeBound])
  ranges!: RangeBound[];
}
