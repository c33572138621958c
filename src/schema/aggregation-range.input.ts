import { Field, Float, InputType } from 'type-graphql';

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
