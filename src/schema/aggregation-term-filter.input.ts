import { Field, InputType } from 'type-graphql';

/** Documents whose field equals a value. */
@InputType({ description: 'Documents whose field equals value exactly (a term filter).' })
export class FilterAggregation {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  value!: string;
}
