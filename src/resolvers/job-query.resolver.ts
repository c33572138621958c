import { Arg, Ctx, Info, Int, Query, Resolver } from 'type-graphql';
import { responsePathAsArray } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { clusterError } from '../datasources/flux/flux-clusters';
import type { FluxCluster } from '../datasources/flux/flux-clusters';
import type { FluxJob, FluxJobStats } from '../datasources/flux/flux-job';
import { addPartialError } from '../errors';
import { JobConnection } from '../schema/job-connection.type';
import { JobFilter } from '../schema/job-filter.input';
import { JobStats } from '../schema/job-stats.type';
import { Job } from '../schema/job.type';
import { JobIdScalar } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from './graphql-context';
import { fetchClusterJobPage } from './cluster-job-pager';
import { viaContext } from './cluster-flux';
import { decodeJobCursor, encodeJobCursor } from './job-cursor';
import { lookAheadJobDetails } from './job-details-ahead';
import { MAX_JOBS_PAGE_SIZE, checkPageSize, toFluxJobQuery } from './job-filter-query';
import { jobListAttrsOf } from './job-list-attrs';
import { fetchJobPage } from './job-pager';
import { checkKnownQueues } from './known-queues';
import { countLiveJobs } from './live-job-count';
import type { JobPage } from './job-pager';
import { sumJobStats } from './job-stats-sum';

const cursorOf = (job: FluxJob): string =>
  encodeJobCursor({ tSubmit: job.tSubmit, id: job.id, ...(job.cluster !== undefined ? { cluster: job.cluster } : {}) });

/**
 * A `JobEdge` whose cursor is encoded when read: a dashboard's page asks `node` of every edge and
 * the cursor of none (only `pageInfo.endCursor`), and encoding one is a bigint to decimal and a
 * base64 per job (docs/performance.md).
 */
class LazyCursorEdge {
  constructor(readonly node: FluxJob) {}

  get cursor(): string {
    return cursorOf(this.node);
  }
}

type StatsWithQueues = FluxJobStats & { queues: NonNullable<FluxJobStats['queues']> };

/** Live jobs from Flux: one job, a page of jobs, the instances' counts; across clusters (docs/clusters.md). */
@Resolver()
export class JobQueryResolver {
  @Query(() => Job, {
    nullable: true,
    description:
      'One job by id (any RFC 19 form); null when Flux does not know it. With several clusters, cluster picks one; ' +
      'without it every cluster is asked, and an id known to two clusters is BAD_USER_INPUT naming them.',
  })
  async job(
    @Arg('id', () => JobIdScalar) id: bigint,
    @Ctx() ctx: GraphQLContext,
    @Arg('cluster', () => String, { nullable: true }) cluster?: string | null,
  ): Promise<FluxJob | null> {
    if (cluster === undefined || cluster === null) return ctx.loaders.flux.job.load(id);
    const clusters = ctx.datasources.fluxClusters;
    const found = await clusters.get(cluster);
    return ctx.loaders.flux.clusterJob.load({ id, cluster: clusters.several ? found.name : undefined });
  }

  @Query(() => JobConnection, {
    nullable: true,
    description:
      `Live and recent jobs from Flux, newest submitted first (cursors stay valid while jobs change state). ` +
      `first: 0–${MAX_JOBS_PAGE_SIZE}. Several clusters are merged by submit time; a cluster that fails leaves ` +
      `its jobs out with an error naming it. Null (with an error) when Flux is unavailable.`,
  })
  async jobs(
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => JobFilter, { nullable: true }) filter?: JobFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<JobConnection> {
    checkPageSize(first, 'jobs');
    const cursor = after ? decodeJobCursor(after) : undefined;
    const { query, submitted } = await toFluxJobQuery(filter, ctx.datasources.users);
    const clusters = ctx.datasources.fluxClusters;
    // Only the attributes the selected Job fields read (docs/performance.md); such partial jobs are
    // not primed into the job loaders: a later job(id:) of the request would take them for whole jobs.
    const attrs = jobListAttrsOf(info);
    const request = { query, submitted, first, after: cursor, now: ctx.now / 1000, hints: ctx.jobWindowHints, attrs };
    let page: JobPage;
    let listed: FluxCluster[];
    if (!clusters.several) {
      // One cluster: exactly as before clusters existed (v1 cursors); a clusters filter only checks the name.
      const selected = filter?.clusters ? await clusters.select(filter.clusters, 'filter.clusters') : undefined;
      // Its name names errors only with several clusters: not looked up here (it costs an attr.get).
      listed = selected?.length === 0 ? [] : [{ name: '', flux: ctx.datasources.flux }];
      if (query.queues) await checkKnownQueues(listed, query.queues);
      page =
        selected?.length === 0
          ? { jobs: [], hasNextPage: false }
          : await fetchJobPage(ctx.datasources.flux, {
              ...request,
              after: cursor && { tSubmit: cursor.tSubmit, id: cursor.id },
            });
      if (!attrs) for (const job of page.jobs) ctx.loaders.flux.job.prime(job.id, job);
    } else {
      listed = (await clusters.select(filter?.clusters, 'filter.clusters')).map((cluster) => viaContext(ctx, cluster));
      if (query.queues) await checkKnownQueues(listed, query.queues);
      const merged = await fetchClusterJobPage(listed, request);
      for (const failure of merged.failures) addPartialError(ctx, responsePathAsArray(info.path), failure);
      if (!attrs)
        for (const job of merged.jobs) ctx.loaders.flux.clusterJob.prime({ id: job.id, cluster: job.cluster }, job);
      page = merged;
    }
    await lookAheadJobDetails(ctx, info, page.jobs);
    const edges = page.jobs.map((job) => new LazyCursorEdge(job));
    return {
      countTotal: () => countLiveJobs(listed, { ...query, submitted }, clusters.several),
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
    description:
      'Live counts of a Flux instance (job-list.job-stats): of cluster when given, else of every cluster added up; ' +
      'null when Flux (or a cluster) is unavailable.',
  })
  async jobStats(
    @Ctx() ctx: GraphQLContext,
    @Arg('cluster', () => String, { nullable: true }) cluster?: string | null,
  ): Promise<StatsWithQueues> {
    const clusters = ctx.datasources.fluxClusters;
    if (!clusters.several && (cluster === undefined || cluster === null)) {
      const stats = await ctx.datasources.flux.jobStats();
      return { ...stats, queues: stats.queues ?? [] };
    }
    const selected = cluster === undefined || cluster === null ? await clusters.list() : [await clusters.get(cluster)];
    const all = await Promise.all(
      selected.map((one) =>
        viaContext(ctx, one)
          .flux.jobStats()
          .catch((error: unknown) => Promise.reject(clusters.several ? clusterError(one.name, error) : error)),
      ),
    );
    if (all.length === 1) return { ...(all[0] as FluxJobStats), queues: all[0]?.queues ?? [] };
    return sumJobStats(all);
  }
}
