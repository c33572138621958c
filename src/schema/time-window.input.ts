import { Field, InputType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** A half-open time window [from, to); either end may be open. `from` must be before `to`. */
@InputType({ description: 'A time window [from, to); either end may be omitted; from must be before to.' })
export class TimeWindowInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Inclusive start.' })
  from?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Exclusive end.' })
  to?: Date;
}
