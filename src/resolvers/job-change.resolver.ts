import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { JournalChange } from '../datasources/flux/journal-hub';
import type { JobStateName } from '../datasources/flux/job-state';
import { formatJobId } from '../datasources/flux/job-id';
import { NotFoundError } from '../errors';
import { JobChange } from '../schema/job-change.type';
import type { JobEvent } from '../schema/job-event.type';
import type { GraphQLContext } from './graphql-context';
import { toJobEvent } from './job-event.mapper';

/** The job of a change: the journal's own view when it has one, else through the job loader. */
async function jobOf(change: JournalChange, ctx: GraphQLContext): Promise<FluxJob> {
  const job = change.job ?? (await ctx.loaders.flux.job.load(change.id));
  if (!job) throw new NotFoundError(`job ${formatJobId(change.id)} is no longer known to Flux`);
  return job;
}

/** Fields of a `jobChanges` message. */
@Resolver(() => JobChange)
export class JobChangeResolver {
  @FieldResolver()
  job(@Root() change: JournalChange, @Ctx() ctx: GraphQLContext): Promise<FluxJob> {
    return jobOf(change, ctx);
  }

  @FieldResolver()
  async event(@Root() change: JournalChange, @Ctx() ctx: GraphQLContext): Promise<JobEvent> {
    const event = toJobEvent(change.event);
    const owner = (await jobOf(change, ctx)).userId;
    const mine = await ctx.guard.assertDetails(owner, 'event.context').then(
      () => true,
      () => false,
    );
    return mine ? event : { timestamp: event.timestamp, name: event.name };
  }

  @FieldResolver()
  async state(@Root() change: JournalChange, @Ctx() ctx: GraphQLContext): Promise<JobStateName> {
    return (await jobOf(change, ctx)).state;
  }
}
