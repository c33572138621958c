import { BadUserInputError, JobgraphError } from '../../errors';
import type { ErrorDetails } from '../../errors';
import type { FluxDatasource } from './flux-datasource';

/** One Flux cluster behind the gateway: its name (in `Job.cluster`, cursors, history documents) and datasource. */
export interface FluxCluster {
  readonly name: string;
  readonly flux: FluxDatasource;
  /** Its broker URI when known (the forwarder's `source.instance`). */
  readonly uri?: string;
}

/** A cluster as configured: `name` is absent only for the one-cluster `FLUX_URI` case (named by its broker). */
export interface FluxClusterEntry {
  name?: string;
  flux: FluxDatasource;
  uri?: string;
}

/** Broker attributes that name an instance, in order of preference (docs/clusters.md). */
export const CLUSTER_NAME_ATTRIBUTES = ['instance-name', 'hostname'] as const;

/** The name of the one-cluster case when the broker has none of {@link CLUSTER_NAME_ATTRIBUTES}. */
export const DEFAULT_CLUSTER_NAME = 'default';

/**
 * A cluster's name as its broker gives it: the first of {@link CLUSTER_NAME_ATTRIBUTES} the
 * broker has (attr.get), else `default`. A broker that cannot be reached rejects (typed).
 */
export async function brokerClusterName(flux: FluxDatasource): Promise<string> {
  if (!flux.brokerAttr) return DEFAULT_CLUSTER_NAME;
  for (const attribute of CLUSTER_NAME_ATTRIBUTES) {
    const value = (await flux.brokerAttr(attribute))?.trim();
    if (value) return value;
  }
  return DEFAULT_CLUSTER_NAME;
}

/** `error` as the same typed error naming `cluster` (message prefix and `extensions.cluster`). */
export function clusterError(cluster: string, error: unknown): unknown {
  if (!(error instanceof JobgraphError) || error.code === 'BAD_USER_INPUT') return error;
  if (error.extensions['cluster'] === cluster) return error;
  const details: ErrorDetails = {};
  for (const [key, value] of Object.entries(error.extensions))
    if (key !== 'code' && key !== 'backend' && key !== 'http' && (value === null || typeof value !== 'object'))
      details[key] = value as ErrorDetails[string];
  return new JobgraphError(error.code, `cluster ${cluster}: ${error.message}`, {
    ...(error.backend ? { backend: error.backend } : {}),
    details: { ...details, cluster },
    cause: error,
    ...(error.publicMessage !== undefined ? { publicMessage: `cluster ${cluster}: ${error.publicMessage}` } : {}),
  });
}

/**
 * The Flux clusters behind the gateway (`JOBGRAPH_FLUX_CLUSTERS`, or the one `FLUX_URI`). The
 * first is the default cluster, also `Datasources.flux`. The one-cluster case is named by its
 * broker on first need (one attr.get, remembered once it succeeded), so nothing connects at
 * start. Not a lifecycle backend of its own: `ping` and `close` cover the clusters after the
 * first (the first is pinged and closed as `flux`).
 */
export class FluxClusters {
  private readonly entries: readonly FluxClusterEntry[];
  private resolved: Promise<readonly FluxCluster[]> | undefined;

  constructor(entries: readonly FluxClusterEntry[]) {
    if (entries.length === 0) throw new RangeError('FluxClusters needs at least one cluster');
    this.entries = entries;
  }

  /** Whether several clusters are configured (merged paging, cluster-qualified cursors). */
  get several(): boolean {
    return this.entries.length > 1;
  }

  /** The default (first) cluster's datasource. */
  get primary(): FluxDatasource {
    return (this.entries[0] as FluxClusterEntry).flux;
  }

  /** Configured names, in order; undefined for the one broker-named cluster. */
  configuredNames(): Array<string | undefined> {
    return this.entries.map((entry) => entry.name);
  }

  /** Every cluster with its name, in configuration order (names are sorted nowhere else). */
  list(): Promise<readonly FluxCluster[]> {
    this.resolved ??= Promise.all(
      this.entries.map(async (entry) => ({
        name: entry.name ?? (await brokerClusterName(entry.flux)),
        flux: entry.flux,
        ...(entry.uri !== undefined ? { uri: entry.uri } : {}),
      })),
    ).catch((error: unknown) => {
      this.resolved = undefined;
      throw error;
    });
    return this.resolved;
  }

  /** The default cluster's name. */
  async primaryName(): Promise<string> {
    return ((await this.list())[0] as FluxCluster).name;
  }

  /**
   * The clusters named in `names` (all when absent), in configuration order; an unknown name is
   * BAD_USER_INPUT listing the known ones.
   */
  async select(names?: readonly string[] | null, field = 'clusters'): Promise<FluxCluster[]> {
    const clusters = await this.list();
    if (!names) return [...clusters];
    const unknown = names.filter((name) => !clusters.some((cluster) => cluster.name === name));
    if (unknown.length > 0)
      throw new BadUserInputError(
        `${field}: unknown cluster ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known: ${clusters
          .map((c) => c.name)
          .join(', ')}`,
        { value: unknown.join(','), known: clusters.map((c) => c.name).join(',') },
      );
    return clusters.filter((cluster) => names.includes(cluster.name));
  }

  /** The cluster named `name`; undefined when no configured cluster has that name. */
  async find(name: string): Promise<FluxCluster | undefined> {
    return (await this.list()).find((cluster) => cluster.name === name);
  }

  /** The datasource of `name` (BAD_USER_INPUT when unknown). */
  async get(name: string, field = 'cluster'): Promise<FluxCluster> {
    return (await this.select([name], field))[0] as FluxCluster;
  }

  /** Pings the clusters after the first; rejects with the first failure, naming its cluster. */
  async ping(): Promise<void> {
    const rest = this.entries.slice(1);
    await Promise.all(
      rest.map((entry) =>
        entry.flux.ping().catch((error: unknown) => Promise.reject(clusterError(entry.name ?? '?', error))),
      ),
    );
  }

  /** Closes the clusters after the first. */
  async close(): Promise<void> {
    await Promise.all(this.entries.slice(1).map((entry) => entry.flux.close()));
  }
}
