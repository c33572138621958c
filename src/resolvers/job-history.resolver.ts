import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import { toFluxJob } from '../datasources/elastic/job-document.mapper';
import type { JobHistoryFilter as JobHistoryQueryFilter, MsWindow } from '../datasources/elastic/job-history.query';
import { MAX_JOB_HISTORY_PAGE } from '../datasources/elastic/job-history.search';
import type { JobHistoryPage } from '../datasources/elastic/job-history.search';
import { withoutUndefined } from '../datasources/elastic/without-undefined';
import { JobConnection } from '../schema/job-connection.type';
import { JobHistoryFilter } from '../schema/job-history-filter.input';
import { JobSort } from '../schema/job-sort.input';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';
import { toTimeWindow } from './job-filter-query';

function msWindow(window: JobHistoryFilter['submitted'], name: string): MsWindow | undefined {
  const seconds = toTimeWindow(window, name);
  if (!seconds) return undefined;
  return {
    ...(seconds.from !== undefined ? { from: Math.round(seconds.from * 1000) } : {}),
    ...(seconds.to !== undefined ? { to: Math.round(seconds.to * 1000) } : {}),
  };
}

/**
 * The GraphQL history filter as the history index's query filter (users by uid or by name).
 * `defaultCluster` (the default cluster's name) makes a `clusters` filter naming it also match the
 * documents forwarded before clusters existed.
 */
export function toHistoryFilter(
  filter: JobHistoryFilter | null | undefined,
  defaultCluster?: string,
): JobHistoryQueryFilter {
  if (!filter) return {};
  const numeric = (user: string) => /^\d+$/.test(user);
  return withoutUndefined<JobHistoryQueryFilter>({
    states: filter.states ?? undefined,
    results: filter.results ?? undefined,
    users: filter.users
      ? { ids: filter.users.filter(numeric).map(Number), names: filter.users.filter((u) => !numeric(u)) }
      : undefined,
    names: filter.names ?? undefined,
    queues: filter.queues ?? undefined,
    clusters: filter.clusters
      ? { names: filter.clusters, orMissing: defaultCluster !== undefined && filter.clusters.includes(defaultCluster) }
      : undefined,
    banks: filter.banks ?? undefined,
    projects: filter.projects ?? undefined,
    experiments: filter.experiments ?? undefined,
    runs: filter.runs ?? undefined,
    nameText: filter.nameText ?? undefined,
    submitted: msWindow(filter.submitted, 'submitted'),
    started: msWindow(filter.started, 'started'),
    inactive: msWindow(filter.inactive, 'inactive'),
  });
}

/** `totalCount` of a history connection: one more search when asked, size 0, exact total, no cursor (every page). */
export function historyCounter(elastic: ElasticDatasource, filter: JobHistoryQueryFilter): JobConnection['countTotal'] {
  return async () => ({
    value: (await elastic.searchHistory({ filter, first: 0, withTotal: true })).totalCount ?? null,
  });
}

/** A history page as the Relay JobConnection whose nodes are FluxJobs (shared with ElogRun.jobs). */
export function toJobConnection(page: JobHistoryPage, countTotal?: JobConnection['countTotal']): JobConnection {
  const edges = page.edges.map((edge) => ({ cursor: edge.cursor, node: toFluxJob(edge.node) }));
  return {
    ...(countTotal ? { countTotal } : {}),
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: false,
      ...(edges.length > 0 ? { startCursor: edges[0]?.cursor, endCursor: edges[edges.length - 1]?.cursor } : {}),
    },
  };
}

/** `jobHistory`: forwarded jobs from Elasticsearch, searchable and sortable, paged with stable cursors. */
@Resolver()
export class JobHistoryResolver {
  @Query(() => JobConnection, {
    nullable: true,
    description:
      `Finished jobs forwarded to Elasticsearch (jobgraph forward). Default sort: newest submitted first; the id breaks ties. ` +
      `first: 0–${MAX_JOB_HISTORY_PAGE}. Cursors page one snapshot: no job is skipped or repeated while jobs are added. ` +
      `Null (error UPSTREAM_UNAVAILABLE, backend elasticsearch) without a configured, reachable cluster.`,
  })
  async jobHistory(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => JobHistoryFilter, { nullable: true }) filter?: JobHistoryFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
    @Arg('sort', () => [JobSort], { nullable: true }) sort?: JobSort[] | null,
  ): Promise<JobConnection> {
    // Only a clusters filter needs the default cluster's name (one attr.get for the one broker-named cluster).
    const defaultCluster = filter?.clusters
      ? await ctx.datasources.fluxClusters.primaryName().catch(() => undefined)
      : undefined;
    const elastic = configuredDatasource(ctx, 'elastic');
    const historyFilter = toHistoryFilter(filter, defaultCluster);
    const page = await elastic.searchHistory({
      filter: historyFilter,
      ...(sort
        ? {
            sort: sort.map((key) => ({
              field: key.field,
              order: key.order === 'ASC' ? ('asc' as const) : ('desc' as const),
            })),
          }
        : {}),
      first,
      ...(after ? { after } : {}),
    });
    return toJobConnection(page, historyCounter(elastic, historyFilter));
  }
}
