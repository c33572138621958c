import { Field, ObjectType } from 'type-graphql';
import { JobOutputLine } from './job-output-line.type';
import { JobOutputRedirect } from './job-output-redirect.type';

/** One `jobOutput` message: a line, a redirect or the end of one writer's stream. */
@ObjectType({ description: "One message of a job's live output: a line, a redirect, or one writer's end of stream." })
export class JobOutputChunk {
  @Field(() => JobOutputLine, { nullable: true })
  line?: JobOutputLine;

  @Field(() => JobOutputRedirect, { nullable: true })
  redirect?: JobOutputRedirect;

  @Field(() => JobOutputLine, {
    nullable: true,
    description: 'Set when a writer closed a stream (its text is empty); the subscription completes after the last.',
  })
  eof?: JobOutputLine;
}
