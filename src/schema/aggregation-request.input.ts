import { Field, InputType } from 'type-graphql';
import { DateHistogramAggregation } from './aggregation-date-histogram.input';
import { MetricAggregation } from './aggregation-metric.input';
import { RangeAggregation } from './aggregation-range.input';
import { FilterAggregation } from './aggregation-term-filter.input';
import { TermsAggregation } from './aggregation-terms.input';

/** One named aggregation; exactly one kind must be given. */
@InputType({ description: 'One named aggregation; exactly one kind must be given (BAD_USER_INPUT otherwise).' })
export class AggregationRequest {
  @Field(() => String, { description: 'Names the answer; unique within one jobAggregations field.' })
  name!: string;

  @Field(() => TermsAggregation, { nullable: true })
  terms?: TermsAggregation;

  @Field(() => DateHistogramAggregation, { nullable: true })
  dateHistogram?: DateHistogramAggregation;

  @Field(() => FilterAggregation, { nullable: true })
  filter?: FilterAggregation;

  @Field(() => RangeAggregation, { nullable: true })
  range?: RangeAggregation;

  @Field(() => MetricAggregation, { nullable: true })
  metric?: MetricAggregation;
}
