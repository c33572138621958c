import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { FluxJob } from '../datasources/flux/flux-job';
import { StreamFailure } from '../datasources/streams/bounded-queue';
import { BadUserInputError, NotFoundError } from '../errors';
import { formatJobId } from '../datasources/flux/job-id';
import { clusterFlux } from './cluster-flux';
import type { GraphQLContext, SubscriptionServices } from './graphql-context';

const STREAMS_ONLY =
  'subscriptions run over WebSocket (graphql-ws) or Server-Sent Events on /graphql; see docs/subscriptions.md';

/** The server's subscription services; BAD_USER_INPUT for a subscription sent over plain HTTP. */
export function subscriptionServices(ctx: GraphQLContext): SubscriptionServices {
  if (!ctx.subscriptions) throw new BadUserInputError(STREAMS_ONLY);
  return ctx.subscriptions;
}

/**
 * The job whose details (events, output) a subscription follows, and the Flux datasource of its
 * cluster: `cluster` when given, else the cluster that knows the id (every cluster is asked, as
 * `job(id)` does). NOT_FOUND when Flux does not know it, FORBIDDEN unless the caller owns it or is
 * an operator (the rule of every details field).
 */
export async function ownJob(
  ctx: GraphQLContext,
  id: bigint,
  field: string,
  cluster?: string | null,
): Promise<{ job: FluxJob; flux: FluxDatasource }> {
  const clusters = ctx.datasources.fluxClusters;
  const job =
    cluster === undefined || cluster === null
      ? await ctx.loaders.flux.job.load(id)
      : await ctx.loaders.flux.clusterJob.load({
          id,
          cluster: clusters.several ? (await clusters.get(cluster)).name : undefined,
        });
  if (!job)
    throw new NotFoundError(`job ${formatJobId(id)} is not known to Flux${cluster ? ` cluster ${cluster}` : ''}`, {
      id: formatJobId(id),
    });
  await ctx.guard.assertDetails(job.userId, field);
  return { job, flux: await clusterFlux(ctx, job.cluster ?? cluster) };
}

/**
 * A subscription message's value, or the typed error that ends the subscription (thrown, so it
 * reaches the client). No value at all means the operation was executed as a query, not
 * subscribed to (a subscription POSTed as plain JSON): BAD_USER_INPUT naming the transports.
 */
export function unwrap<T>(payload: T | StreamFailure | undefined): T {
  if (payload === undefined) throw new BadUserInputError(STREAMS_ONLY);
  if (payload instanceof StreamFailure) throw payload.error;
  return payload;
}
