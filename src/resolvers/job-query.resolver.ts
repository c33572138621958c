import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { FluxJob, FluxJobStats } from '../datasources/flux/flux-job';
import { JobConnection } from '../schema/job-connection.type';
import { JobFilter } from '../schema/job-filter.input';
import { JobStats } from '../schema/job-stats.type';
import { Job } from '../schema/job.type';
import { JobIdScalar } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from '../server/context';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import { MAX_JOBS_PAGE_SIZE, checkPageSize, toFluxJobQuery } from './job-filter-query';
import { fetchJobPage } from './job-pager';

const cursorOf = (job: FluxJob): string => encodeJobCursor({ tSubmit: job.tSubmit, id: job.id });

/** Live jobs from Flux: one job, a page of jobs, the instance's counts. */
@Resolver()
export class JobQueryResolver {
  @Query(() => Job, {
    nullable: true,
    description: 'One job by id (any RFC 19 form); null when Flux does not know it.',
  })
  job(@Arg('id', () => JobIdScalar) id: bigint, @Ctx() ctx: GraphQLContext): Promise<FluxJob | null> {
    return ctx.loaders.flux.job.load(id);
  }

  @Query(() => JobConnection, {
    nullable: true,
    description:
      `Live and recent jobs from Flux, newest submitted first (cursors stay valid while jobs change state). ` +
      `first: 0–${MAX_JOBS_PAGE_SIZE}. Null (with an error) when Flux is unavailable.`,
  })
  async jobs(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => JobFilter, { nullable: true }) filter?: JobFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<JobConnection> {
    checkPageSize(first, 'jobs');
    const cursor = after ? decodeJobCursor(after) : undefined;
    const { query, submitted } = await toFluxJobQuery(filter, ctx.datasources.users);
    const page = await fetchJobPage(ctx.datasources.flux, {
      query,
      submitted,
      first,
      after: cursor,
      now: ctx.now / 1000,
      hints: ctx.jobWindowHints,
    });
    for (const job of page.jobs) ctx.loaders.flux.job.prime(job.id, job);
    const edges = page.jobs.map((job) => ({ cursor: cursorOf(job), node: job }));
    return {
      edges,
      nodes: page.jobs,
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: false,
        ...(edges.length > 0 ? { startCursor: edges[0]?.cursor, endCursor: edges[edges.length - 1]?.cursor } : {}),
      },
    };
  }

  @Query(() => JobStats, {
    nullable: true,
    description: 'Live counts of the Flux instance (job-list.job-stats); null when Flux is unavailable.',
  })
  async jobStats(@Ctx() ctx: GraphQLContext): Promise<FluxJobStats & { queues: NonNullable<FluxJobStats['queues']> }> {
    const stats = await ctx.datasources.flux.jobStats();
    return { ...stats, queues: stats.queues ?? [] };
  }
}
