import { Field, Float, InputType } from 'type-graphql';
import { AggregationField } from './aggregation-field.enum';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';
import { MetricOp } from './aggregation-metric-op.enum';

/** A single statistic of a field. ELASTICSEARCH and FLUX. */
@InputType({ description: 'A single statistic of a field. ELASTICSEARCH and FLUX.' })
export class MetricAggregation {
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

  @Field(() => MetricOp)
  op!: MetricOp;

  @Field(() => [Float], { nullable: true, description: 'PERCENTILES: the percents, 0–100.' })
  percents?: number[];
}
