import { Field, InputType, Int } from 'type-graphql';
import { AggregationField } from './aggregation-field.enum';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';

/** The most frequent values of a field. */
@InputType({ description: 'The most frequent values of a field: buckets by count descending, then key.' })
export class TermsAggregation {
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

  @Field(() => Int, {
    nullable: true,
    defaultValue: 10,
    description: 'Buckets to return (JOBS_API: 1–1000). Default 10.',
  })
  size?: number | null;
}
