import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** One bucket of a TERMS, DATE_HISTOGRAM or RANGE aggregation. */
@ObjectType({ description: 'One bucket of a TERMS, DATE_HISTOGRAM or RANGE aggregation.' })
export class AggregationBucket {
  @Field(() => String, {
    description: 'The term; for DATE_HISTOGRAM the bucket start in epoch ms (authoritative); for RANGE the range key.',
  })
  key!: string;

  @Field(() => String, { nullable: true, description: "The source's own rendering of the key, when it gives one." })
  keyAsString!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'DATE_HISTOGRAM only: the bucket start, from the raw key.',
  })
  keyAsDate!: Date | null;

  @Field(() => Int)
  docCount!: number;

  /** `total` of the result the bucket belongs to; not a field, it only feeds `share`. */
  total!: number;

  @Field(() => Float, {
    nullable: true,
    description: "docCount / the result's total, computed when asked; null when total is 0.",
  })
  get share(): number | null {
    return this.total > 0 ? this.docCount / this.total : null;
  }
}
