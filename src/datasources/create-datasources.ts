import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { resolveJobsAggsSettings } from '../config/jobs-aggs.config';
import { createElogDatasource } from './elog/create-elog-datasource';
import type { ElogDatasource } from './elog/elog-datasource';
import { createElasticDatasource } from './elastic/elastic-datasource';
import type { ElasticDatasource } from './elastic/elastic-datasource';
import { createFluxDatasource } from './flux/create-flux-datasource';
import { FluxClusters } from './flux/flux-clusters';
import type { FluxDatasource } from './flux/flux-datasource';
import { createFluxAggregationBackend } from './flux/flux-aggregation';
import type { AggregationBackend } from './aggregation/aggregation-query';
import { JobsAggsDatasource } from './jobs-aggs/jobs-aggs-datasource';
import { createJobsAggsPolicy } from './jobs-aggs/jobs-aggs-client';
import { createGetentUserDatabase } from './users/getent-user-database';
import type { UserDatabase } from './users/user-database';
import { SciagraphDatasource } from './sciagraph/sciagraph-datasource';
import { createBackendPolicy } from './resilience/backend-policy';
import type { BackendPolicy } from './resilience/backend-policy';

/**
 * The process-wide backend clients, built once from Config and closed on shutdown. Optional
 * backends are `undefined` when not configured; their fields are added here by each backend
 * (`elog?`, `elastic?`, `jobsAggs?`, `sciagraph?`), each built in {@link createDatasources}
 * with one line.
 */
export interface Datasources {
  /** The default Flux cluster (the first of `JOBGRAPH_FLUX_CLUSTERS`, else `FLUX_URI`). */
  flux: FluxDatasource;
  /** Every Flux cluster, the default one first (docs/clusters.md); one entry, `flux`, unless several are configured. */
  fluxClusters: FluxClusters;
  /** `jobAggregations(source: FLUX)`: live jobs aggregated in the gateway from one job-list listing. */
  fluxAggregation?: AggregationBackend;
  /** uid ↔ name (NSS via getent; a fixed table in demo mode). */
  users: UserDatabase;
  /** The vendor jobs/aggs API (`jobAggregations(source: JOBS_API)`); undefined unless `JOBGRAPH_JOBS_API_*` are set. */
  jobsAggs?: JobsAggsDatasource | undefined;
  /** LCLS eLog (explgbk) and ARP job service; undefined while `JOBGRAPH_ELOG_URL` is unset. */
  elog?: ElogDatasource;
  /** Job history in Elasticsearch; undefined while JOBGRAPH_ELASTICSEARCH_URL is unset. */
  elastic?: ElasticDatasource;
  /** Sciagraph report index; undefined while `JOBGRAPH_SCIAGRAPH_REPORTS` is empty. */
  sciagraph?: SciagraphDatasource;
}

/** One backend's fault policies: `calls` guards its calls (deadline, retries of reads, breaker, bulkhead); `writes`, when its writes have a breaker of their own (eLog posts). */
export interface BackendPolicySet {
  calls: BackendPolicy;
  writes?: BackendPolicy;
}

/** The fault policies of the configured backends, by datasource name (`flux`: the default cluster). /readyz and /metrics show their breakers. */
export type BackendPolicies = Partial<Record<keyof Datasources, BackendPolicySet>>;

/** What {@link createDatasources} builds: the datasources resolvers reach, and apart from them the fault policies they call through. */
export interface Backends {
  datasources: Datasources;
  policies: BackendPolicies;
}

/** What every backend datasource offers besides its own calls. */
export interface DatasourceLifecycle {
  /** Cheap reachability check for /readyz; rejects when the backend is down. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Replacements for parts of {@link Datasources}: demo mode's user table, tests' peers. */
export type DatasourceOverrides = Partial<Datasources>;

/** Breaker settings shared by every backend: open after 5 consecutive transient failures, probe after 2 s. */
export const GATEWAY_BREAKER = { breakerThreshold: 5, breakerHalfOpenAfterMs: 2_000 } as const;

/** Deadline of one Sciagraph filesystem call made for a request (opening a report file, storing a result), ms. */
export const SCIAGRAPH_TIMEOUT_MS = 5_000;

/**
 * Builds every configured datasource. Nothing connects yet: clients connect on first use (the
 * Sciagraph index starts its first scan in the background). `logger` receives backend warnings.
 * Every backend built here goes through its own fault policy (deadline, retries of reads,
 * breaker, bulkhead), returned in `policies` under the datasource's name for /readyz and /metrics.
 * A datasource given in `overrides` comes with no policy.
 */
export function createDatasources(
  config: Config,
  overrides: DatasourceOverrides = {},
  logger: Logger = pino({ level: 'silent' }),
): Backends {
  const policies: BackendPolicies = {};
  const policy = (name: keyof Datasources, make: () => BackendPolicy): BackendPolicy =>
    (policies[name] = { calls: make() }).calls;

  const { reports, watch, rescanSeconds, resultsDir, trustedUids } = config.sciagraph;
  const sciagraph =
    overrides.sciagraph ??
    (reports.length > 0
      ? SciagraphDatasource.create({
          roots: reports,
          watch,
          rescanSeconds,
          resultsDir,
          trustedUids,
          logger: logger.child({ backend: 'sciagraph' }),
          policy: policy('sciagraph', () =>
            createBackendPolicy('sciagraph', {
              timeoutMs: SCIAGRAPH_TIMEOUT_MS,
              readAttempts: 2,
              deadlineIncludesQueue: true,
              ...GATEWAY_BREAKER,
            }),
          ),
        })
      : undefined);
  const settings = resolveJobsAggsSettings(config.jobsApi);
  const jobsAggs =
    overrides.jobsAggs ??
    (settings &&
      new JobsAggsDatasource({
        ...settings,
        policy: policy('jobsAggs', () => createJobsAggsPolicy({ timeoutMs: settings.timeoutMs, ...GATEWAY_BREAKER })),
      }));
  const elogPolicies = (): BackendPolicySet =>
    (policies.elog = {
      calls: createBackendPolicy('elog', {
        timeoutMs: config.elog.timeoutMs,
        deadlineIncludesQueue: true,
        ...GATEWAY_BREAKER,
      }),
      // Writes keep a breaker of their own (slow posts must not pause reads), shown by /readyz too.
      writes: createBackendPolicy('elog', { timeoutMs: config.elog.writeTimeoutMs, ...GATEWAY_BREAKER }),
    });
  const elog =
    overrides.elog ??
    (config.elog.url
      ? createElogDatasource(config.elog, { policy: elogPolicies().calls, writePolicy: policies.elog?.writes })
      : undefined);
  const elastic =
    overrides.elastic ??
    (config.elastic.url
      ? createElasticDatasource({
          ...config.elastic,
          url: config.elastic.url,
          requestTimeoutMs: config.elastic.timeoutMs,
          // The policy retries (once, when unreachable); the client itself does not.
          maxRetries: 0,
          policy: policy('elastic', () =>
            createBackendPolicy('elasticsearch', {
              timeoutMs: config.elastic.timeoutMs,
              readAttempts: 2,
              deadlineIncludesQueue: true,
              ...GATEWAY_BREAKER,
            }),
          ),
        })
      : undefined);
  const fluxPolicy = (): BackendPolicy =>
    createBackendPolicy('flux', {
      timeoutMs: config.flux.timeoutMs,
      readAttempts: 2,
      maxInFlight: config.flux.maxInFlight,
      ...GATEWAY_BREAKER,
    });
  // Each cluster has its own connections and breaker: one cluster down does not open another's.
  const fluxAt = (uri: string, clusterPolicy: BackendPolicy): FluxDatasource =>
    createFluxDatasource({
      policy: clusterPolicy,
      uri,
      timeoutMs: config.flux.timeoutMs,
      poolSize: config.flux.poolSize,
      maxInFlight: config.flux.maxInFlight,
      ssh: config.flux.sshCommand,
      sshRcmd: config.flux.sshRemoteCommand,
      countMaxJobs: config.flux.countMaxJobs,
    });
  const [first, ...others] = config.flux.clusters;
  const primaryPolicy = policy('flux', fluxPolicy);
  const primaryUri = first?.uri ?? config.flux.uri;
  const flux = overrides.flux ?? fluxAt(primaryUri, primaryPolicy);
  const fluxClusters =
    overrides.fluxClusters ??
    new FluxClusters([
      { ...(first ? { name: first.name } : {}), flux, uri: primaryUri },
      ...others.map((cluster) => ({ name: cluster.name, flux: fluxAt(cluster.uri, fluxPolicy()), uri: cluster.uri })),
    ]);
  const users =
    overrides.users ??
    createGetentUserDatabase({ command: config.users.getentCommand, timeoutMs: config.users.timeoutMs });
  const datasources: Datasources = {
    ...(sciagraph ? { sciagraph } : {}),
    flux: overrides.fluxClusters?.primary ?? flux,
    fluxClusters,
    fluxAggregation:
      overrides.fluxAggregation ??
      createFluxAggregationBackend({ clusters: fluxClusters, users, maxJobs: config.flux.aggregationMaxJobs }),
    users,
    jobsAggs,
    ...(elog ? { elog } : {}),
    ...(elastic ? { elastic } : {}),
  };
  return { datasources, policies };
}

/** The datasources that have a lifecycle (ping/close), by name, skipping unconfigured ones. */
export function backendsOf(datasources: Datasources): Array<[string, DatasourceLifecycle]> {
  return Object.entries(datasources).filter(
    (entry): entry is [string, DatasourceLifecycle] =>
      entry[1] !== undefined && typeof (entry[1] as Partial<DatasourceLifecycle>).ping === 'function',
  );
}

/** Closes every datasource; one failing close does not stop the others. Resolves to the failures. */
export async function closeDatasources(datasources: Datasources): Promise<Array<{ backend: string; error: unknown }>> {
  const backends = backendsOf(datasources);
  const results = await Promise.allSettled(backends.map(([, ds]) => ds.close()));
  return results.flatMap((result, i) =>
    result.status === 'rejected' ? [{ backend: backends[i]?.[0] ?? '?', error: result.reason }] : [],
  );
}
