import type { FluxCluster } from '../datasources/flux/flux-clusters';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { GraphQLContext } from './graphql-context';

/** The request's counting view for the default cluster, the process-wide datasource for the others. */
export function viaContext(ctx: GraphQLContext, cluster: FluxCluster): FluxCluster {
  return cluster.flux === ctx.datasources.fluxClusters.primary
    ? { name: cluster.name, flux: ctx.datasources.flux }
    : cluster;
}

/**
 * The Flux datasource of the cluster named `name` (a job's `cluster`, or a `cluster` argument):
 * the default cluster's counting view when absent; BAD_USER_INPUT for an unknown name.
 */
export async function clusterFlux(ctx: GraphQLContext, name: string | null | undefined): Promise<FluxDatasource> {
  if (name === undefined || name === null) return ctx.datasources.flux;
  return viaContext(ctx, await ctx.datasources.fluxClusters.get(name)).flux;
}
