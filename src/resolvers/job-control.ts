import type { ResolvedCaller } from '../auth/job-visibility';
import { refuseJobControl } from '../auth/job-control-rules';
import type { JobControlAction } from '../auth/job-control-rules';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { JobControlOutcome, JobControlRequest } from '../datasources/flux/job-control';
import { JOB_URGENCY } from '../datasources/flux/job-manager';
import { BadUserInputError, ForbiddenError, findJobgraphError } from '../errors';
import type { JobgraphError } from '../errors';
import type { GraphQLContext } from './graphql-context';
import type { JobControlKind } from './job-control.port';

/** Ids one job control mutation may name. */
export const MAX_JOB_CONTROL_IDS = 1_000;

/** What a job control mutation asks of every id. */
export type JobControlAsk =
  | { kind: 'cancel'; reason?: string | undefined }
  | { kind: 'hold' }
  | { kind: 'release' }
  | { kind: 'urgency'; urgency: number };

/** One id's outcome, as JobControlResult shows it. */
export interface JobControlOutcomeView {
  id: bigint;
  ok: boolean;
  job?: FluxJob;
  previousUrgency?: number;
  error?: { code: string; message: string; reason?: string };
}

/** The exception note of a cancel: the caller's name, since Flux records the gateway's uid as the raiser. */
export function cancelNote(user: string, reason: string | undefined): string {
  return `canceled by ${user} via jobgraph${reason ? `: ${reason}` : ''}`;
}

/** The urgency releaseJobs gives back: the one before the gateway's hold, else 16; never more than a user may set. */
function releaseUrgency(ctx: GraphQLContext, caller: ResolvedCaller, id: bigint): number {
  const before = ctx.jobControl.heldUrgencies.get(id) ?? JOB_URGENCY.DEFAULT;
  return caller.isOperator ? before : Math.min(before, JOB_URGENCY.DEFAULT);
}

/** The broker request for an allowed ask, or the refusal of an ask that makes no sense for this job. */
function planOne(
  ctx: GraphQLContext,
  caller: ResolvedCaller,
  id: bigint,
  job: FluxJob | null,
  ask: JobControlAsk,
): { request: JobControlRequest; note?: string } | JobgraphError {
  if (ask.kind === 'release' && job && job.state !== 'INACTIVE' && job.urgency !== JOB_URGENCY.HOLD)
    return new BadUserInputError(`job is not held (urgency ${job.urgency})`, { reason: 'job is not held' });
  const action: JobControlAction =
    ask.kind === 'cancel'
      ? { kind: 'cancel' }
      : {
          kind: 'urgency',
          urgency:
            ask.kind === 'hold'
              ? JOB_URGENCY.HOLD
              : ask.kind === 'release'
                ? releaseUrgency(ctx, caller, id)
                : ask.urgency,
        };
  const refusal = refuseJobControl(caller, job, action);
  if (refusal) return refusal;
  if (action.kind === 'urgency') return { request: { id, kind: 'urgency', urgency: action.urgency } };
  const note = cancelNote(caller.user, ask.kind === 'cancel' ? ask.reason : undefined);
  return { request: { id, kind: 'raise', exception: { type: 'cancel', severity: 0, note } }, note };
}

function errorView(error: unknown, ctx: GraphQLContext): NonNullable<JobControlOutcomeView['error']> {
  const typed = findJobgraphError(error);
  if (!typed) {
    ctx.logger.error({ err: error }, 'job control failed unexpectedly');
    return { code: 'INTERNAL_SERVER_ERROR', message: 'internal error' };
  }
  const reason = typed.extensions['reason'];
  return { code: typed.code, message: typed.message, ...(typeof reason === 'string' ? { reason } : {}) };
}

/** Remembers or forgets the urgency before a hold after a successful urgency change. */
function rememberUrgency(ctx: GraphQLContext, id: bigint, urgency: number, previous: number | undefined): void {
  if (urgency === JOB_URGENCY.HOLD) {
    if (previous !== undefined) ctx.jobControl.heldUrgencies.held(id, previous);
  } else {
    ctx.jobControl.heldUrgencies.forget(id);
  }
}

/**
 * Sends the allowed requests to the cluster each job is on (the default one unless several are
 * configured), one pipelined datasource call per cluster; the answers by plan index.
 */
async function sendByCluster(
  ctx: GraphQLContext,
  asked: ReadonlyArray<{ index: number; job: FluxJob; request: JobControlRequest }>,
): Promise<Map<number, JobControlOutcome>> {
  const byCluster = new Map<string | undefined, typeof asked>();
  for (const one of asked) byCluster.set(one.job.cluster, [...(byCluster.get(one.job.cluster) ?? []), one]);
  const answers = new Map<number, JobControlOutcome>();
  await Promise.all(
    [...byCluster].map(async ([cluster, group]) => {
      const found = cluster === undefined ? undefined : await ctx.datasources.fluxClusters.find(cluster);
      const flux = !found || found.flux === ctx.datasources.fluxClusters.primary ? ctx.datasources.flux : found.flux;
      const outcomes = await flux.controlJobs(group.map((one) => one.request));
      group.forEach((one, k) => answers.set(one.index, outcomes[k] as JobControlOutcome));
    }),
  );
  return answers;
}

/**
 * Runs one job control mutation: checks the setting (FORBIDDEN naming JOBGRAPH_JOB_CONTROL when
 * off) and the batch size, reads every job through the per-request job loader (one wave of
 * job-list.list-id), applies Flux's guest rules per id for the caller (refusals cost no
 * job-manager RPC), sends the allowed changes pipelined in one datasource call, re-reads the
 * changed jobs, and audits every id. One outcome per id, in order; one bad id fails only itself.
 */
export async function runJobControl(
  ctx: GraphQLContext,
  ids: readonly bigint[],
  ask: JobControlAsk,
): Promise<JobControlOutcomeView[]> {
  if (!ctx.jobControl.enabled)
    throw new ForbiddenError('job control is off on this gateway: set JOBGRAPH_JOB_CONTROL=on to enable it', {
      setting: 'JOBGRAPH_JOB_CONTROL',
    });
  if (ids.length > MAX_JOB_CONTROL_IDS)
    throw new BadUserInputError(`ids: at most ${MAX_JOB_CONTROL_IDS} per request, got ${ids.length}`);
  const caller = await ctx.guard.resolvedCaller();
  const unique = [...new Map(ids.map((id) => [id.toString(), id])).values()];
  const jobs = await Promise.all(unique.map((id) => ctx.loaders.flux.job.load(id).catch((error: unknown) => error)));
  const plans = unique.map((id, i) => {
    const job = jobs[i];
    return job instanceof Error ? job : planOne(ctx, caller, id, (job ?? null) as FluxJob | null, ask);
  });
  const asked = plans.flatMap((plan, i) => ('request' in plan ? [i] : []));
  const answers = await sendByCluster(
    ctx,
    asked.map((i) => ({
      index: i,
      job: jobs[i] as FluxJob,
      request: (plans[i] as { request: JobControlRequest }).request,
    })),
  );
  const byId = new Map<string, JobControlOutcomeView>();
  // The changed jobs are read again (the per-cluster cache holds them as they were).
  ctx.loaders.flux.clusterJob.clearAll();
  for (const i of asked) {
    ctx.loaders.flux.job.clear(unique[i] as bigint);
    ctx.loaders.flux.jobsWithId.clear(unique[i] as bigint);
  }
  await Promise.all(
    unique.map(async (id, i) => {
      const plan = plans[i] as (typeof plans)[number];
      const request = 'request' in plan ? plan.request : undefined;
      const answer = answers.get(i);
      const failure = !request ? plan : answer && !answer.ok ? answer.error : undefined;
      const urgency = request?.kind === 'urgency' ? request.urgency : undefined;
      const note = 'note' in plan ? plan.note : undefined;
      const kind: JobControlKind = ask.kind;
      if (failure) {
        const error = errorView(failure, ctx);
        ctx.jobControl.audit({
          action: kind,
          job: id,
          outcome: error.code,
          reason: error.reason ?? error.message,
          ...(urgency !== undefined ? { urgency } : {}),
          ...(note !== undefined ? { note } : {}),
        });
        byId.set(id.toString(), { id, ok: false, error });
        return;
      }
      const previousUrgency = answer?.ok ? answer.oldUrgency : undefined;
      if (urgency !== undefined) rememberUrgency(ctx, id, urgency, previousUrgency);
      ctx.jobControl.audit({
        action: kind,
        job: id,
        outcome: 'ok',
        ...(urgency !== undefined ? { urgency } : {}),
        ...(note !== undefined ? { note } : {}),
      });
      const after = await ctx.loaders.flux.job.load(id).catch(() => (jobs[i] as FluxJob | null) ?? null);
      // job-list learns of the change from the journal, a moment later than job-manager: the urgency is known now.
      const job = after && urgency !== undefined ? { ...after, urgency } : after;
      byId.set(id.toString(), {
        id,
        ok: true,
        ...(job ? { job } : {}),
        ...(previousUrgency !== undefined ? { previousUrgency } : {}),
      });
    }),
  );
  return ids.map((id) => byId.get(id.toString()) as JobControlOutcomeView);
}
