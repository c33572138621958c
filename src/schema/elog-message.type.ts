import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** A file stored with a logbook entry. */
@ObjectType({ description: 'A file attached to an eLog entry.' })
export class ElogAttachment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'MIME type; empty when stored without one.' })
  type!: string;
}

/** A logbook entry. */
@ObjectType({ description: "An entry of an experiment's eLog." })
export class ElogMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  experiment!: string;

  @Field(() => DateTimeScalar)
  insertedAt!: Date;

  @Field(() => String, { description: 'Authenticated author (e.g. `mfxopr`).' })
  author!: string;

  @Field(() => String)
  text!: string;

  @Field(() => String, { nullable: true })
  title?: string;

  @Field(() => [String])
  tags!: string[];

  @Field(() => Int, { nullable: true, description: 'Run the entry is linked to.' })
  run?: number;

  @Field(() => [ElogAttachment])
  attachments!: ElogAttachment[];

  @Field(() => ID, { nullable: true, description: 'The entry this one follows up (an eLog thread), if any.' })
  parentId?: string;
}
