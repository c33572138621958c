import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../../src/datasources/flux/flux-job';
import { JobEvent } from '../../src/schema/job-event.type';
import { Job } from '../../src/schema/job.type';
import { Jobspec } from '../../src/schema/jobspec.type';
import { jobspecView } from '../../src/resolvers/jobspec-view';
import type { GraphQLContext } from '../../src/resolvers/graphql-context';

/**
 * The benchmark's baseline: Job.eventlog and Job.jobspec resolved the obvious way, each field
 * calling the Flux datasource itself (no loader: no merging of keys, no coalescing).
 */
@Resolver(() => Job)
export class NaiveJobResolver {
  @FieldResolver(() => [JobEvent], { nullable: true })
  async eventlog(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Promise<JobEvent[] | null> {
    const info = await ctx.datasources.flux.lookup(job.id, ['eventlog']);
    return (
      info?.eventlog?.map((e) => ({
        timestamp: new Date(Math.round(e.timestamp * 1000)),
        name: e.name,
        ...(e.context ? { context: e.context } : {}),
      })) ?? null
    );
  }

  @FieldResolver(() => Jobspec, { nullable: true })
  async jobspec(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Promise<Jobspec | null> {
    const info = await ctx.datasources.flux.lookup(job.id, ['jobspec']);
    return info?.jobspec ? jobspecView(info.jobspec) : null;
  }
}
