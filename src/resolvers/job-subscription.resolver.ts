import { Arg, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import type { FluxJobEvent } from '../datasources/flux/flux-job';
import type { JournalChange } from '../datasources/flux/journal-hub';
import { matchesJobQuery } from '../datasources/flux/job-list-constraint';
import type { StreamFailure } from '../datasources/streams/bounded-queue';
import { streamToQueue } from '../datasources/streams/stream-to-queue';
import { JobChange } from '../schema/job-change.type';
import { JobEvent } from '../schema/job-event.type';
import { JobFilter } from '../schema/job-filter.input';
import { JobIdScalar } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from './graphql-context';
import { toFluxJobQuery } from './job-filter-query';
import { toJobEvent } from './job-event.mapper';
import { ownJob, subscriptionServices, unwrap } from './subscription-access';

type Data<A> = SubscribeResolverData<unknown, A, GraphQLContext>;

const CLUSTER_ARG =
  'The Flux cluster of the job (a name of JOBGRAPH_FLUX_CLUSTERS); default: the cluster that knows the id.';
const JOURNAL_CLUSTER_ARG =
  'The Flux cluster whose journal to follow (a name of JOBGRAPH_FLUX_CLUSTERS); default: the default cluster.';

/** Live job events: one job's eventlog as it grows, and every job's changes from the shared journal. */
@Resolver()
export class JobSubscriptionResolver {
  @Subscription(() => JobEvent, {
    description:
      "One job's eventlog as it grows (job-info.eventlog-watch): the events so far first when fromStart, then each " +
      'new one; completes after `clean`. NOT_FOUND for an unknown job; FORBIDDEN unless the caller owns it or is an ' +
      'operator. Ends with UPSTREAM_UNAVAILABLE when Flux goes away, SLOW_CONSUMER when the client falls behind.',
    subscribe: async ({ args, context }: Data<{ id: bigint; fromStart: boolean; cluster?: string | null }>) => {
      const services = subscriptionServices(context);
      const { job, flux } = await ownJob(context, args.id, 'jobEvents', args.cluster);
      const skip = args.fromStart
        ? 0
        : ((await context.loaders.flux.jobInfo.load({ id: args.id, cluster: job.cluster, key: 'eventlog' }))?.eventlog
            ?.length ?? 0);
      let seen = 0;
      return services.streams.track(
        streamToQueue(
          (signal) => flux.watchEventlog(args.id, { signal }),
          (event: FluxJobEvent) => (seen++ < skip ? undefined : event),
          services.maxBacklog,
        ),
      );
    },
  })
  /* eslint-disable @typescript-eslint/no-unused-vars -- type-graphql reads a subscription's arguments from its resolve method */
  jobEvents(
    @Root() payload: FluxJobEvent | StreamFailure,
    @Arg('id', () => JobIdScalar) _id: bigint,
    @Arg('fromStart', () => Boolean, { defaultValue: true }) _fromStart: boolean,
    @Arg('cluster', () => String, { nullable: true, description: CLUSTER_ARG }) _cluster?: string | null,
  ): JobEvent {
    return toJobEvent(unwrap(payload));
  } /* eslint-enable @typescript-eslint/no-unused-vars */

  @Subscription(() => JobChange, {
    description:
      "Every job's events as the job manager posts them (one shared job-manager.events-journal stream), for jobs " +
      'matching filter (evaluated on the job after the event) and, when given, only the named events. Each message ' +
      'carries the job (job-list fields for every caller, details only for their own), the event and the new state.',
    subscribe: async ({
      args,
      context,
    }: Data<{ filter?: JobFilter | null; events?: string[] | null; cluster?: string | null }>) => {
      const services = subscriptionServices(context);
      const clusters = context.datasources.fluxClusters;
      const cluster =
        args.cluster === undefined || args.cluster === null ? undefined : await clusters.get(args.cluster);
      const { query, submitted } = await toFluxJobQuery(args.filter, context.datasources.users);
      const full = { ...query, submitted };
      const filtered = Object.keys(query).length > 0 || submitted.from !== undefined || submitted.to !== undefined;
      const names = args.events ? new Set(args.events) : undefined;
      const accept = (c: JournalChange): boolean =>
        (!names || names.has(c.event.name)) && (!filtered || (c.job !== undefined && matchesJobQuery(full, c.job)));
      const journal = !cluster || cluster.flux === clusters.primary ? services.journal : services.journalOf(cluster);
      return services.streams.track(journal.subscribe({ accept, maxBacklog: services.maxBacklog }));
    },
  })
  /* eslint-disable @typescript-eslint/no-unused-vars -- type-graphql reads a subscription's arguments from its resolve method */
  jobChanges(
    @Root() payload: JournalChange | StreamFailure,
    @Arg('filter', () => JobFilter, { nullable: true }) _filter?: JobFilter | null,
    @Arg('events', () => [String], { nullable: true }) _events?: string[] | null,
    @Arg('cluster', () => String, { nullable: true, description: JOURNAL_CLUSTER_ARG }) cluster?: string | null,
    @Ctx() ctx?: GraphQLContext,
  ): JournalChange {
    const change = unwrap(payload);
    // Jobs of a named cluster carry its name, so their fields are looked up on that cluster.
    return cluster && change.job && ctx?.datasources.fluxClusters.several
      ? { ...change, job: { ...change.job, cluster } }
      : change;
  } /* eslint-enable @typescript-eslint/no-unused-vars */
}
