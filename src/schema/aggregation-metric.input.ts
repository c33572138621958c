import { Field, Float, InputType } from 'type-graphql';
import { MetricOp } from './aggregation-metric-op.enum';

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
