import { Field, InputType, Int } from 'type-graphql';
import { AggregationField } from './aggregation-field.enum';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** Inclusive bounds to extend a date histogram's empty buckets to. */
@InputType({
  description: "Extends a date histogram's empty buckets to these times (rounded down to the interval); never clips.",
})
export class DateBounds {
  @Field(() => DateTimeScalar)
  min!: Date;

  @Field(() => DateTimeScalar)
  max!: Date;
}

/** Documents per time interval; exactly one of fixedInterval and calendarInterval. */
@InputType({
  description: 'Documents per time interval (UTC); give exactly one of fixedInterval and calendarInterval.',
})
export class DateHistogramAggregation {
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

  @Field(() => String, {
    nullable: true,
    description: 'e.g. 90m, 1d, 7d (counted from the Unix epoch: 7d buckets start on Thursdays).',
  })
  fixedInterval?: string;

  @Field(() => String, {
    nullable: true,
    description: 'One unit: minute, hour, day, week (Monday), month, quarter, year, or 1m/1h/1d/1w/1M/1q/1y.',
  })
  calendarInterval?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Default 0: empty buckets between the first and last non-empty one are returned.',
  })
  minDocCount?: number;

  @Field(() => DateBounds, { nullable: true })
  extendedBounds?: DateBounds;
}
