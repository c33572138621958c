import { Field, Float, InputType, Int } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { MetricOp } from './aggregation-metric-op.enum';

/** The most frequent values of a field. */
@InputType({ description: 'The most frequent values of a field: buckets by count descending, then key.' })
export class TermsAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => Int, { nullable: true, defaultValue: 10, description: 'Buckets to return (JOBS_API: 1–1000). Default 10.' })
  size?: number | null;
}

/** Inclusive bounds to extend a date histogram's empty buckets to. */
@InputType({ description: "Extends a date histogram's empty buckets to these times (rounded down to the interval); never clips." })
export class DateBounds {
  @Field(() => DateTimeScalar)
  min!: Date;

  @Field(() => DateTimeScalar)
  max!: Date;
}

/** Documents per time interval; exactly one of fixedInterval and calendarInterval. */
@InputType({ description: 'Documents per time interval (UTC); give exactly one of fixedInterval and calendarInterval.' })
export class DateHistogramAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => String, { nullable: true, description: 'e.g. 90m, 1d, 7d (counted from the Unix epoch: 7d buckets start on Thursdays).' })
  fixedInterval?: string;

  @Field(() => String, { nullable: true, description: 'One unit: minute, hour, day, week (Monday), month, quarter, year, or 1m/1h/1d/1w/1M/1q/1y.' })
  calendarInterval?: string;

  @Field(() => Int, { nullable: true, description: 'Default 0: empty buckets between the first and last non-empty one are returned.' })
  minDocCount?: number;

  @Field(() => DateBounds, { nullable: true })
  extendedBounds?: DateBounds;
}

/** Documents whose field equals a value. */
@InputType({ description: 'Documents whose field equals value exactly (a term filter).' })
export class FilterAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  value!: string;
}

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

/** Documents per numeric range. ELASTICSEARCH only. */
@InputType({ description: 'Documents per numeric range. ELASTICSEARCH only.' })
export class RangeAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => [RangeBound])
  ranges!: RangeBound[];
}

/** A single statistic of a numeric field. ELASTICSEARCH only. */
@InputType({ description: 'A single statistic of a numeric field. ELASTICSEARCH only.' })
export class MetricAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => MetricOp)
  op!: MetricOp;

  @Field(() => [Float], { nullable: true, description: 'PERCENTILES: the percents, 0–100.' })
  percents?: number[];
}
