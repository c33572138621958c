import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { JobEvent } from '../schema/job-event.type';
import { Job } from '../schema/job.type';
import type { Jobspec } from '../schema/jobspec.type';
import { JSONScalar } from '../schema/scalars/json.scalar';
import type { GraphQLContext } from './graphql-context';
import { jobspecView } from './jobspec-view';
import { toJobEvent } from './job-event.mapper';

/**
 * Job fields that need another call: user names and job-info details, all through loaders. A Job field
 * that loads job-info keys must be known to the page look-ahead (job-details-ahead.ts: taken, or lazy).
 */
@Resolver(() => Job)
export class JobResolver {
  @FieldResolver()
  userName(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Promise<string | null> {
    return ctx.loaders.users.userName.load(job.userId);
  }

  /** A value (not a promise) when the job's page looked it up ahead (job-details-ahead.ts): no promise per field. */
  @FieldResolver()
  eventlog(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): JobEvent[] | null | Promise<JobEvent[] | null> {
    const ahead = ctx.jobDetailsAhead?.eventlog(job);
    return ahead !== undefined ? ahead : this.loadEventlog(job, ctx);
  }

  /** A value (not a promise) when the job's page looked it up ahead (job-details-ahead.ts): no promise per field. */
  @FieldResolver()
  jobspec(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Jobspec | null | Promise<Jobspec | null> {
    const ahead = ctx.jobDetailsAhead?.jobspec(job);
    return ahead !== undefined ? ahead : this.loadJobspec(job, ctx);
  }

  private async loadEventlog(job: FluxJob, ctx: GraphQLContext): Promise<JobEvent[] | null> {
    if (!ctx.guard.allowsAll) await ctx.guard.assertDetails(job.userId, 'eventlog');
    const info = await ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'eventlog' });
    return info?.eventlog?.map(toJobEvent) ?? null;
  }

  private async loadJobspec(job: FluxJob, ctx: GraphQLContext): Promise<Jobspec | null> {
    if (!ctx.guard.allowsAll) await ctx.guard.assertDetails(job.userId, 'jobspec');
    const info = await ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'jobspec' });
    return info?.jobspec ? jobspecView(info.jobspec) : null;
  }

  @FieldResolver(() => JSONScalar, {
    nullable: true,
    description:
      'The environment the job was submitted with (from the signed jobspec J), as an object; only the given names when names is set.',
  })
  async environment(
    @Root() job: FluxJob,
    @Ctx() ctx: GraphQLContext,
    @Arg('names', () => [String], { nullable: true }) names?: string[] | null,
  ): Promise<Record<string, unknown> | null> {
    await ctx.guard.assertDetails(job.userId, 'environment');
    const info = await ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'J' });
    const system = (info?.J?.['attributes'] as { system?: { environment?: Record<string, unknown> } } | undefined)
      ?.system;
    const environment = system?.environment;
    if (!environment) return null;
    if (!names) return environment;
    return Object.fromEntries(names.filter((name) => name in environment).map((name) => [name, environment[name]]));
  }
}
