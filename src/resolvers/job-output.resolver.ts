import { Arg, Ctx, FieldResolver, Int, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { FluxJob, FluxJobEvent } from '../datasources/flux/flux-job';
import type { StreamFailure } from '../datasources/streams/bounded-queue';
import { streamToQueue } from '../datasources/streams/stream-to-queue';
import { BadUserInputError } from '../errors';
import { JobOutputChunk } from '../schema/job-output-chunk.type';
import { JobOutputStream } from '../schema/job-output-stream.enum';
import { JobOutput } from '../schema/job-output.type';
import { Job } from '../schema/job.type';
import { JobIdScalar } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from './graphql-context';
import { buildJobOutput, DEFAULT_OUTPUT_BYTES, MAX_OUTPUT_BYTES, outputChunk, parseIdset } from './job-output.mapper';
import type { OutputSelection } from './job-output.mapper';
import { clusterFlux } from './cluster-flux';
import { ownJob, subscriptionServices, unwrap } from './subscription-access';

type OutputArgs = { id: bigint; streams?: JobOutputStream[] | null; ranks?: string | null; cluster?: string | null };

function selectionOf(streams: JobOutputStream[] | null | undefined, ranks: string | null | undefined): OutputSelection {
  return { streams, ...(ranks ? { ranks: parseIdset(ranks, 'ranks') } : {}) };
}

/** A job's output: the whole eventlog as lines (`Job.output`) and live (`jobOutput`). */
@Resolver(() => Job)
export class JobOutputResolver {
  @FieldResolver(() => JobOutput, {
    nullable: true,
    description:
      "The job's output (what flux job attach prints) from its output eventlog; null, without an error, for a job " +
      'that never ran. Owner and operators only. tail: the last N lines; maxBytes: at most this much text ' +
      `(default ${DEFAULT_OUTPUT_BYTES}, at most ${MAX_OUTPUT_BYTES}; truncated says when lines were left out).`,
  })
  async output(
    @Root() job: FluxJob,
    @Ctx() ctx: GraphQLContext,
    @Arg('streams', () => [JobOutputStream], { nullable: true }) streams?: JobOutputStream[] | null,
    @Arg('ranks', () => String, { nullable: true, description: 'Task ranks, an idset such as "0-3,7".' })
    ranks?: string | null,
    @Arg('tail', () => Int, { nullable: true }) tail?: number | null,
    @Arg('maxBytes', () => Int, { nullable: true }) maxBytes?: number | null,
  ): Promise<JobOutput | null> {
    if (tail !== undefined && tail !== null && tail < 0)
      throw new BadUserInputError(`output: tail must be 0 or more, got ${tail}`, { value: tail });
    const cap = maxBytes ?? DEFAULT_OUTPUT_BYTES;
    if (cap < 0 || cap > MAX_OUTPUT_BYTES)
      throw new BadUserInputError(`output: maxBytes must be between 0 and ${MAX_OUTPUT_BYTES}, got ${cap}`, {
        value: cap,
      });
    const selection = selectionOf(streams, ranks);
    await ctx.guard.assertDetails(job.userId, 'output');
    const events = await (await clusterFlux(ctx, job.cluster)).jobOutput(job.id);
    return events ? buildJobOutput(events, selection, tail ?? undefined, cap) : null;
  }

  @Subscription(() => JobOutputChunk, {
    description:
      "A running job's output as it is written (job-info.eventlog-watch of guest.output): lines so far, then new " +
      "ones; completes after the last writer's end of stream. Waits for a job that has not started. Owner and " +
      'operators only; NOT_FOUND for an unknown job.',
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, OutputArgs, GraphQLContext>) => {
      const services = subscriptionServices(context);
      const selection = selectionOf(args.streams, args.ranks);
      const { flux } = await ownJob(context, args.id, 'jobOutput', args.cluster);
      return services.streams.track(
        streamToQueue(
          (signal) => flux.watchOutput(args.id, { signal }),
          (event: FluxJobEvent) => outputChunk(event, selection),
          services.maxBacklog,
        ),
      );
    },
  })
  /* eslint-disable @typescript-eslint/no-unused-vars -- type-graphql reads a subscription's arguments from its resolve method */
  jobOutput(
    @Root() payload: JobOutputChunk | StreamFailure,
    @Arg('id', () => JobIdScalar) _id: bigint,
    @Arg('streams', () => [JobOutputStream], { nullable: true }) _streams?: JobOutputStream[] | null,
    @Arg('ranks', () => String, { nullable: true }) _ranks?: string | null,
    @Arg('cluster', () => String, {
      nullable: true,
      description:
        'The Flux cluster of the job (a name of JOBGRAPH_FLUX_CLUSTERS); default: the cluster that knows the id.',
    })
    _cluster?: string | null,
  ): JobOutputChunk {
    return unwrap(payload);
  } /* eslint-enable @typescript-eslint/no-unused-vars */
}
