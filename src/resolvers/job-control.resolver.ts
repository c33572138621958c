import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import { JobControlResult } from '../schema/job-control-result.type';
import { JobIdScalar } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from './graphql-context';
import { runJobControl } from './job-control';
import type { JobControlOutcomeView } from './job-control';

const RULES =
  "Flux's own rules apply to the caller: users act on their own jobs only and may lower urgency or raise it up to the default 16; " +
  'operators may do what the instance owner may. One result per id (a refused or failed id never fails the others). ' +
  'FORBIDDEN as a whole while JOBGRAPH_JOB_CONTROL is off.';

/** Job control: cancel, hold, release and urgency, under Flux's guest rules per caller, audited (docs/job-control.md). */
@Resolver()
export class JobControlResolver {
  @Mutation(() => [JobControlResult], {
    description: `Cancels jobs (flux cancel): a fatal "cancel" exception whose note names the caller ("canceled by alice via jobgraph: <reason>"). ${RULES}`,
  })
  cancelJobs(
    @Arg('ids', () => [JobIdScalar]) ids: bigint[],
    @Ctx() ctx: GraphQLContext,
    @Arg('reason', () => String, { nullable: true }) reason?: string | null,
  ): Promise<JobControlOutcomeView[]> {
    return runJobControl(ctx, ids, { kind: 'cancel', reason: reason ?? undefined });
  }

  @Mutation(() => [JobControlResult], {
    description: `Holds pending jobs (urgency 0, flux job urgency ID hold); the gateway remembers the urgency they had. ${RULES}`,
  })
  holdJobs(
    @Arg('ids', () => [JobIdScalar]) ids: bigint[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<JobControlOutcomeView[]> {
    return runJobControl(ctx, ids, { kind: 'hold' });
  }

  @Mutation(() => [JobControlResult], {
    description: `Releases held jobs: back to the urgency they had when this gateway held them, else the default 16 (a user gets at most 16). ${RULES}`,
  })
  releaseJobs(
    @Arg('ids', () => [JobIdScalar]) ids: bigint[],
    @Ctx() ctx: GraphQLContext,
  ): Promise<JobControlOutcomeView[]> {
    return runJobControl(ctx, ids, { kind: 'release' });
  }

  @Mutation(() => [JobControlResult], {
    description: `Sets the urgency (0–31; 0 holds, 16 default, 31 expedite) of pending jobs (flux job urgency). ${RULES}`,
  })
  setJobUrgency(
    @Arg('ids', () => [JobIdScalar]) ids: bigint[],
    @Arg('urgency', () => Int) urgency: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<JobControlOutcomeView[]> {
    return runJobControl(ctx, ids, { kind: 'urgency', urgency });
  }
}
