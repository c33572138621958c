import { Field, ObjectType } from 'type-graphql';
import { JobOutputStream } from './job-output-stream.enum';
import { DateTimeScalar } from './scalars/date-time.scalar';

/** One piece of a job's output as the job shell wrote it (an RFC 24 `data` event). */
@ObjectType({ description: "One piece of a job's output (usually one line), as the job shell wrote it." })
export class JobOutputLine {
  @Field(() => JobOutputStream)
  stream!: JobOutputStream;

  @Field(() => String, { description: 'The task rank(s) that wrote it, an RFC 22 idset ("0", "0-3").' })
  rank!: string;

  @Field(() => DateTimeScalar)
  time!: Date;

  @Field(() => String, {
    description: 'The text (bytes that are not UTF-8 show as U+FFFD; base64 then carries them exactly).',
  })
  text!: string;

  @Field(() => String, { nullable: true, description: 'The exact bytes, base64, when they are not UTF-8.' })
  base64?: string;
}
