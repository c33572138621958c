import { Field, InputType } from 'type-graphql';
import { AggregationField } from './aggregation-field.enum';
import type { AggregationFieldName } from '../datasources/aggregation/aggregation-field';

/** Documents whose field equals a value. */
@InputType({ description: 'Documents whose field equals value exactly (a term filter).' })
export class FilterAggregation {
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

  @Field(() => String)
  value!: string;
}
