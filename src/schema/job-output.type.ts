import { Field, Int, ObjectType } from 'type-graphql';
import { JobOutputLine } from './job-output-line.type';
import { JobOutputRedirect } from './job-output-redirect.type';
import { JSONScalar } from './scalars/json.scalar';

/** What `flux job attach` prints for a job: its output eventlog (`guest.output`) as lines. */
@ObjectType({ description: "A job's output (what flux job attach prints), from its output eventlog." })
export class JobOutput {
  @Field(() => [JobOutputLine], {
    description: 'Lines in the order written (after streams, ranks, tail and maxBytes).',
  })
  lines!: JobOutputLine[];

  @Field(() => [JobOutputRedirect], { description: 'Streams written to files instead.' })
  redirects!: JobOutputRedirect[];

  @Field(() => JSONScalar, { description: 'Encoding of each stream from the output header, e.g. {"stdout":"UTF-8"}.' })
  encoding!: Record<string, string>;

  @Field(() => Boolean, { description: 'True when lines were left out to stay within maxBytes.' })
  truncated!: boolean;

  @Field(() => Boolean, { description: 'True once every writer closed its streams (the job finished writing).' })
  complete!: boolean;

  @Field(() => Int, { description: 'Bytes of text in lines.' })
  bytes!: number;
}
