import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { JSONScalar } from './scalars/json.scalar';

/** One eventlog entry (RFC 18). */
@ObjectType({ description: 'One entry of a job eventlog (RFC 18).', simpleResolvers: true })
export class JobEvent {
  /** Epoch milliseconds (the DateTime scalar formats a number as it does a Date; see job-event.mapper.ts). */
  @Field(() => DateTimeScalar)
  timestamp!: Date | number;

  @Field(() => String, { description: 'e.g. "submit", "alloc", "finish", "clean".' })
  name!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'The event context; null when the event has none.' })
  context?: Record<string, unknown>;
}
