import { Field, Int, ObjectType } from 'type-graphql';

/** An exception raised on a job (job-list `exception_*`). */
@ObjectType({ description: 'An exception raised on a job.' })
export class JobException {
  @Field(() => Boolean)
  occurred!: boolean;

  @Field(() => String, { nullable: true, description: 'e.g. "cancel", "timeout", "exec".' })
  type?: string;

  @Field(() => Int, { nullable: true, description: '0 (fatal) to 7.' })
  severity?: number;

  @Field(() => String, { nullable: true })
  note?: string;
}
