import { BadUserInputError, JobgraphError } from '../../errors';
import type {
  AggregationBackend,
  AggregationData,
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../aggregation/aggregation-query';
import { createInMemoryAggregator } from '../aggregation/in-memory-aggregation';
import type { UserDatabase } from '../users/user-database';
import { FLUX_AGGREGATION_FIELDS } from './flux-aggregation.fields';
import { JOB_ENTRY_REQUIRED_ATTRS } from './job.mapper';
import type { FluxAggregationDoc, FluxAggregationField } from './flux-aggregation.fields';
import { clusterError } from './flux-clusters';
import type { FluxClusters } from './flux-clusters';
import type { FluxJobQuery } from './flux-datasource';
import type { JobResultName, JobStateName } from './job-state';

/** Settings of {@link createFluxAggregationBackend}. */
export interface FluxAggregationOptions {
  /** Every configured cluster: each is listed once per aggregation call, its jobs carrying its name (CLUSTER). */
  clusters: FluxClusters;
  users: UserDatabase;
  /** The most jobs one aggregation reads (`JOBGRAPH_FLUX_AGGREGATION_MAX_JOBS`); more is QUERY_TOO_COMPLEX. */
  maxJobs: number;
  /** Epoch-ms clock (runtimes of running jobs). Default `Date.now`. */
  clock?: () => number;
}

const UNSUPPORTED_FILTER = ['experiments', 'application', 'appTypes', 'domains', 'includesEu'] as const;

function fieldOf(spec: AggregationSpec): FluxAggregationField {
  const field = FLUX_AGGREGATION_FIELDS[spec.field];
  if (!field)
    throw new BadUserInputError(
      `aggregation "${spec.name}": "${spec.field}" is not a field of source FLUX; its fields: ${Object.keys(FLUX_AGGREGATION_FIELDS).join(', ')}`,
      { aggregation: spec.name, source: 'FLUX', field: spec.field },
    );
  return field;
}

/** The job-list query of a filter: states, results, users, queues on the broker; banks in the gateway; submit window [from, to). */
async function listQuery(filter: AggregationFilterSpec, users: UserDatabase): Promise<FluxJobQuery> {
  const unsupported = UNSUPPORTED_FILTER.filter((key) => filter[key] !== undefined);
  if (unsupported.length > 0)
    throw new BadUserInputError(`filter ${unsupported.join(', ')}: not supported by source FLUX`, {
      source: 'FLUX',
      fields: unsupported.join(','),
    });
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to)
    throw new BadUserInputError('filter.from must be before filter.to');
  const uids = filter.users ? await users.uidsByName(filter.users) : undefined;
  return {
    ...(filter.states ? { states: filter.states as JobStateName[] } : {}),
    ...(filter.results ? { results: filter.results as JobResultName[] } : {}),
    ...(uids ? { userIds: [...uids.values()] } : {}),
    ...(filter.queues ? { queues: filter.queues } : {}),
    ...(filter.banks ? { banks: filter.banks } : {}),
    submitted: {
      ...(filter.from !== undefined ? { from: filter.from / 1000 } : {}),
      ...(filter.to !== undefined ? { to: filter.to / 1000 } : {}),
    },
  };
}

/** FILTER on `username` compares uids: the names asked are resolved first (an unknown name matches nothing). */
async function withUids(specs: readonly AggregationSpec[], users: UserDatabase): Promise<AggregationSpec[]> {
  return Promise.all(
    specs.map(async (spec) => {
      if (spec.kind !== 'FILTER' || spec.field !== 'username') return spec;
      const uids = await users.uidsByName(spec.values ?? [spec.value]);
      return { ...spec, values: [...uids.values()].map(String) };
    }),
  );
}

/** TERMS on `username` counted uids: named now, in one user-database call, and ordered again by count then name. */
async function namedUsers(
  specs: readonly AggregationSpec[],
  aggregations: AggregationData[],
  users: UserDatabase,
): Promise<AggregationData[]> {
  const named = specs.flatMap((spec, i) => (spec.kind === 'TERMS' && spec.field === 'username' ? [i] : []));
  if (named.length === 0) return aggregations;
  const uids = named.flatMap((i) => aggregations[i]?.buckets?.map((b) => Number(b.key)) ?? []);
  const names = await users.namesByUid([...new Set(uids)]);
  return aggregations.map((agg, i) =>
    named.includes(i) && agg.buckets
      ? {
          ...agg,
          buckets: agg.buckets
            .map((b) => ({ key: names.get(Number(b.key)) ?? b.key, docCount: b.docCount }))
            .sort((a, b) => b.docCount - a.docCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
        }
      : agg,
  );
}

/**
 * `jobAggregations(source: FLUX)`: live jobs aggregated in the gateway from ONE streamed
 * `job-list.list` per cluster asking only the attributes the aggregations read, with
 * Elasticsearch's semantics (in-memory-aggregation.ts). Reads at most `maxJobs` jobs over all
 * clusters: one more is QUERY_TOO_COMPLEX (the listing is abandoned), so memory stays bounded by
 * the aggregation state, not by the jobs. A cluster that fails fails the aggregation, its error
 * naming the cluster.
 */
export function createFluxAggregationBackend(options: FluxAggregationOptions): AggregationBackend {
  const clock = options.clock ?? Date.now;
  return {
    async aggregate(filter, aggs, call = {}): Promise<AggregationResultData> {
      const specs = await withUids(aggs, options.users);
      const fields = specs.map(fieldOf);
      const aggregator = createInMemoryAggregator<FluxAggregationDoc>(specs, (spec) => fieldOf(spec));
      const query = await listQuery(filter, options.users);
      const attrs = new Set<string>([...JOB_ENTRY_REQUIRED_ATTRS, ...fields.flatMap((field) => field.attrs)]);
      if (filter.banks) attrs.add('bank');
      const now = clock() / 1000;
      const listed = { ...query, attrs: [...attrs], maxEntries: options.maxJobs + 1 };
      let read = 0;
      for (const cluster of await options.clusters.list()) {
        const doc: FluxAggregationDoc = { job: undefined as never, now, cluster: cluster.name };
        try {
          for await (const job of cluster.flux.listJobs(listed, call.signal ? { signal: call.signal } : {})) {
            if (++read > options.maxJobs)
              throw new JobgraphError(
                'QUERY_TOO_COMPLEX',
                `a FLUX aggregation reads at most ${options.maxJobs} jobs (JOBGRAPH_FLUX_AGGREGATION_MAX_JOBS) and more match: narrow the filter (from, to, states) or use ELASTICSEARCH`,
                { details: { limit: 'FLUX aggregation jobs', max: options.maxJobs }, http: { status: 400 } },
              );
            doc.job = job;
            aggregator.add(doc);
          }
        } catch (error) {
          throw options.clusters.several ? clusterError(cluster.name, error) : error;
        }
      }
      const result = aggregator.result();
      return { total: result.total, aggregations: await namedUsers(specs, result.aggregations, options.users) };
    },
  };
}
