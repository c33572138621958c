import DataLoader from 'dataloader';
import type { AggregationResultData } from '../datasources/aggregation/aggregation-query';
import type { Datasources } from '../datasources/create-datasources';
import { notConfigured } from '../errors';
import { createFluxAggregationBackend } from '../datasources/flux/flux-aggregation';
import { createAggregationLoader } from './aggregation.loaders';
import type { AggregationQuery } from './aggregation.loaders';
import { createElogLoaders } from './elog.loaders';
import type { ElogLoaders } from './elog.loaders';
import { createFluxLoaders } from './flux.loaders';
import { createJobsAggsLoaders } from './jobs-aggs.loaders';
import type { FluxLoaders } from './flux.loaders';
import { createSciagraphLoaders } from './sciagraph.loaders';
import type { SciagraphLoaders } from './sciagraph.loaders';
import { createUserLoaders } from './users.loaders';
import type { UserLoaders } from './users.loaders';

/**
 * Every loader of one request. Each backend adds its `<backend>.loaders.ts` here with one
 * field (optional when its datasource is optional: `elog?: ElogLoaders`).
 */
export interface Loaders {
  flux: FluxLoaders;
  users: UserLoaders;
  sciagraph: SciagraphLoaders;
  /** `jobAggregations` fields, one backend call per source and filter (each source adds its backend in {@link createLoaders}). */
  aggregations: DataLoader<AggregationQuery, AggregationResultData, string>;
  /** Always present; every load fails UPSTREAM_UNAVAILABLE "not configured" without an eLog. */
  elog: ElogLoaders;
}

/** Bound of FLUX aggregations when the datasources were built without one (tests' hand-made datasources). */
const DEFAULT_FLUX_AGGREGATION_MAX_JOBS = 200_000;

/** What of the incoming request some loaders pass on to their backend. */
export interface LoaderRequestInfo {
  /** `X-Jobgraph-Elog-Negotiate`: the caller's Kerberos token for the eLog (`kerberos`/`auto` modes). */
  elogNegotiate?: string;
}

/**
 * Builds the loaders for ONE request (called by the context factory, never at module scope,
 * so cached values never leak between callers). `nowMs` is the request's clock (the context's
 * `now`): the jobs/aggs default window [now − 90 d, now] is computed from it.
 */
export function createLoaders(datasources: Datasources, nowMs: number, request: LoaderRequestInfo = {}): Loaders {
  return {
    flux: createFluxLoaders(datasources.flux, datasources.fluxClusters),
    users: createUserLoaders(datasources.users),
    aggregations: createAggregationLoader(
      {
        ...(datasources.elastic ? { ELASTICSEARCH: datasources.elastic } : {}),
        ...(datasources.jobsAggs ? { JOBS_API: createJobsAggsLoaders(datasources.jobsAggs, { nowMs }) } : {}),
        // FLUX is always there: the gateway always has a Flux cluster.
        FLUX:
          datasources.fluxAggregation ??
          createFluxAggregationBackend({
            clusters: datasources.fluxClusters,
            users: datasources.users,
            maxJobs: DEFAULT_FLUX_AGGREGATION_MAX_JOBS,
          }),
      },
      (source) => notConfigured(source === 'JOBS_API' ? 'jobs-aggs' : 'elasticsearch'),
    ),
    elog: createElogLoaders(datasources.elog, request.elogNegotiate ? { negotiate: request.elogNegotiate } : {}),
    sciagraph: createSciagraphLoaders(datasources.sciagraph),
  };
}

/**
 * Empties every cache of `loaders` (each DataLoader's, the jobInfo loader's map of info promises
 * included): what a request's loaders answered is let go once its response is final
 * (request-release.plugin.ts). A load after this asks its backend again.
 */
export function clearLoaderCaches(loaders: Loaders): void {
  for (const group of Object.values(loaders) as unknown[]) {
    if (group instanceof DataLoader) group.clearAll();
    else if (group !== null && typeof group === 'object')
      for (const loader of Object.values(group) as unknown[]) if (loader instanceof DataLoader) loader.clearAll();
  }
}
