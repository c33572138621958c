import { Field, ObjectType } from 'type-graphql';
import { JobOutputStream } from './job-output-stream.enum';

/** A stream the job wrote to a file instead (`flux submit --output`); the gateway never reads the file. */
@ObjectType({ description: 'A stream redirected to a file; the gateway reports the path and never reads the file.' })
export class JobOutputRedirect {
  @Field(() => JobOutputStream)
  stream!: JobOutputStream;

  @Field(() => String, { description: 'The task rank(s), an RFC 22 idset.' })
  rank!: string;

  @Field(() => String, { description: 'The file path as the job shell reported it.' })
  path!: string;
}
