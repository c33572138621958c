import { Field, Float, ObjectType } from 'type-graphql';

/** One asked percentile of a METRIC PERCENTILES aggregation. */
@ObjectType({ description: 'One asked percentile of a METRIC PERCENTILES aggregation.' })
export class Percentile {
  @Field(() => Float, { description: 'The percent asked for, 0–100.' })
  percent!: number;

  @Field(() => Float, { nullable: true, description: 'Null when no document has the field.' })
  value!: number | null;
}
