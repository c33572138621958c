import { z } from 'zod';
import { envInt } from './env-value';

/** A cluster name: letters, digits, `_`, `.` and `-`, starting with a letter or digit (it is part of cursors and document ids). */
export const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

const fluxUriSchema = z.string().regex(/^(local|ssh):\/\//, 'must start with local:// or ssh://');

/** `name=uri,name=uri` (as `JOBGRAPH_FLUX_CLUSTERS` spells it) → `[{name, uri}]`; arrays and objects from a config file pass through. */
function clusterEntries(value: unknown): unknown {
  if (typeof value !== 'string') {
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      return Object.entries(value).map(([name, uri]) => ({ name, uri }));
    return value;
  }
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? { name: part, uri: '' } : { name: part.slice(0, eq).trim(), uri: part.slice(eq + 1).trim() };
    });
}

/** One named Flux cluster of `JOBGRAPH_FLUX_CLUSTERS`. */
export const fluxClusterSchema = z.object({
  name: z.string().regex(CLUSTER_NAME, 'cluster names are letters, digits, _ . - (at most 63)'),
  uri: fluxUriSchema,
});

/** The clusters list: names unique. */
const fluxClustersSchema = z.preprocess(
  clusterEntries,
  z.array(fluxClusterSchema).superRefine((clusters, ctx) => {
    const seen = new Set<string>();
    for (const { name } of clusters) {
      if (seen.has(name)) ctx.addIssue({ code: 'custom', message: `cluster ${JSON.stringify(name)} is named twice` });
      seen.add(name);
    }
  }),
);

/** The Flux broker (contract flux.md §1, §3). */
export const fluxConfigSchema = z.object({
  /** Broker URI: `local://PATH` or `ssh://[user@]host[:port]/PATH` (`FLUX_URI`, default `local:///run/flux/local`). */
  uri: fluxUriSchema
    .default('local:///run/flux/local')
    .describe('Flux broker: local://PATH or ssh://[user@]host[:port]/PATH'),
  /**
   * Several Flux clusters behind one gateway, `name=uri` pairs separated by commas
   * (`JOBGRAPH_FLUX_CLUSTERS`, e.g. `psana=local:///run/flux/local,s3df=ssh://flux@sdf-login/run/flux/local`;
   * a config file may give `{name: uri}` or `[{name, uri}]`). When set, `FLUX_URI` is not used and the
   * first cluster is the default one. Unset (default): the one cluster `FLUX_URI`, named by its broker
   * (docs/clusters.md).
   */
  clusters: fluxClustersSchema
    .default([])
    .describe('several Flux clusters: name=uri pairs, comma-separated (FLUX_URI is then unused)'),
  /** Deadline of every RPC in ms (`JOBGRAPH_FLUX_TIMEOUT_MS`, default 30000). */
  timeoutMs: envInt(1, 3_600_000).default(30_000).describe('deadline of every Flux RPC, ms'),
  /** Connections to the broker (`JOBGRAPH_FLUX_POOL_SIZE`, default 2). */
  poolSize: envInt(1, 64).default(2).describe('connections to the Flux broker'),
  /** RPCs in flight per connection; more wait in a queue (`JOBGRAPH_FLUX_MAX_IN_FLIGHT`, default 256). */
  maxInFlight: envInt(1, 65_536).default(256).describe('Flux RPCs in flight per connection before queueing'),
  /** ssh program for `ssh://` URIs (`FLUX_SSH`, default `ssh`). */
  sshCommand: z.string().min(1).default('ssh').describe('ssh program used for ssh:// URIs'),
  /** Remote flux command for `ssh://` URIs (`FLUX_SSH_RCMD`, default `flux`). */
  sshRemoteCommand: z.string().min(1).default('flux').describe('remote flux command run over ssh (flux relay)'),
  /** Most jobs one `jobAggregations(source: FLUX)` reads; more matching jobs is QUERY_TOO_COMPLEX (`JOBGRAPH_FLUX_AGGREGATION_MAX_JOBS`, default 200000). */
  aggregationMaxJobs: envInt(1, 100_000_000)
    .default(200_000)
    .describe('most live jobs one jobAggregations(source: FLUX) reads (more is QUERY_TOO_COMPLEX)'),
  /** Most jobs `JobConnection.totalCount` of `jobs` counts exactly, per cluster; above it totalCount is null (`JOBGRAPH_FLUX_COUNT_MAX_JOBS`, default 10000). */
  countMaxJobs: envInt(1, 100_000_000)
    .default(10_000)
    .describe('most live jobs jobs { totalCount } counts exactly per cluster (above: null, with totalCountNote)'),
});

/** Environment variables of the `flux` section → its keys. */
export const fluxEnvVars = {
  FLUX_URI: 'uri',
  JOBGRAPH_FLUX_CLUSTERS: 'clusters',
  JOBGRAPH_FLUX_TIMEOUT_MS: 'timeoutMs',
  JOBGRAPH_FLUX_POOL_SIZE: 'poolSize',
  JOBGRAPH_FLUX_MAX_IN_FLIGHT: 'maxInFlight',
  FLUX_SSH: 'sshCommand',
  FLUX_SSH_RCMD: 'sshRemoteCommand',
  JOBGRAPH_FLUX_AGGREGATION_MAX_JOBS: 'aggregationMaxJobs',
  JOBGRAPH_FLUX_COUNT_MAX_JOBS: 'countMaxJobs',
} as const satisfies Record<string, keyof z.infer<typeof fluxConfigSchema>>;
