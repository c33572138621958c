import type { FluxJob } from '../datasources/flux/flux-job';
import { StreamFailure } from '../datasources/streams/bounded-queue';
import { BadUserInputError, NotFoundError } from '../errors';
import { formatJobId } from '../datasources/flux/job-id';
import type { GraphQLContext, SubscriptionServices } from './graphql-context';

/** The server's subscription services; BAD_USER_INPUT for a subscription sent over plain HTTP. */
export function subscriptionServices(ctx: GraphQLContext): SubscriptionServices {
  if (!ctx.subscriptions)
    throw new BadUserInputError(
      'subscriptions run over WebSocket (graphql-ws) or Server-Sent Events on /graphql; see docs/subscriptions.md',
    );
  return ctx.subscriptions;
}

/**
 * The job whose details (events, output) a subscription follows: NOT_FOUND when Flux does not know
 * it, FORBIDDEN unless the caller owns it or is an operator (the rule of every details field).
 */
export async function ownJob(ctx: GraphQLContext, id: bigint, field: string): Promise<FluxJob> {
  const job = await ctx.loaders.flux.job.load(id);
  if (!job) throw new NotFoundError(`job ${formatJobId(id)} is not known to Flux`, { id: formatJobId(id) });
  await ctx.guard.assertDetails(job.userId, field);
  return job;
}

/** A subscription message's value, or the typed error that ends the subscription (thrown, so it reaches the client). */
export function unwrap<T>(payload: T | StreamFailure): T {
  if (payload instanceof StreamFailure) throw payload.error;
  return payload;
}
