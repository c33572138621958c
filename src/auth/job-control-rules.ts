import { BadUserInputError, ForbiddenError, NotFoundError } from '../errors';
import type { JobgraphError } from '../errors';
import type { FluxJob } from '../datasources/flux/flux-job';
import { JOB_URGENCY } from '../datasources/flux/job-manager';
import type { ResolvedCaller } from './job-visibility';

/** What a caller asks to do to one job: cancel it, or set its urgency (hold, release and setJobUrgency all do). */
export type JobControlAction = { kind: 'cancel' } | { kind: 'urgency'; urgency: number };

/**
 * Flux's own rules for a guest (upstream job-manager raise.c, urgency.c), applied by the gateway
 * to each caller because the broker sees only the gateway (the instance owner), checked in the
 * broker's order: urgency in 0–31; the job known (NOT_FOUND) and active ("job is inactive");
 * a non-operator only on their own jobs (FORBIDDEN); a non-operator's urgency at most
 * max(16, the job's current urgency) (FORBIDDEN); urgency not once resources are allocated.
 * Operators may do what the instance owner may. Returns the refusal, or undefined when allowed:
 * only then is the broker asked.
 */
export function refuseJobControl(
  caller: ResolvedCaller,
  job: FluxJob | null,
  action: JobControlAction,
): JobgraphError | undefined {
  if (action.kind === 'urgency' && !(action.urgency >= JOB_URGENCY.HOLD && action.urgency <= JOB_URGENCY.EXPEDITE))
    return new BadUserInputError(`urgency ${action.urgency}: urgency value is out of range (0–31)`, {
      reason: 'urgency value is out of range',
    });
  if (!job) return new NotFoundError('no such job: Flux does not know it');
  if (job.state === 'INACTIVE')
    return new BadUserInputError('job is inactive', { reason: 'job is inactive', state: job.state });
  const own = caller.uid !== undefined && caller.uid === job.userId;
  if (!caller.isOperator && !own)
    return new ForbiddenError(
      `${caller.user} may act only on their own jobs (Flux: guests can only ${action.kind === 'cancel' ? 'raise exceptions on' : 'reprioritize'} their own jobs); operators may act on any`,
      { owner: job.userId },
    );
  if (action.kind === 'urgency') {
    const ceiling = Math.max(JOB_URGENCY.DEFAULT, job.urgency);
    if (!caller.isOperator && action.urgency > ceiling)
      return new ForbiddenError(
        `urgency ${action.urgency} is above ${ceiling}: users may lower urgency or raise it up to the default 16 (Flux: guests can only adjust urgency <= default); operators may set 0–31`,
        { maxUrgency: ceiling },
      );
    if (job.state === 'RUN' || job.state === 'CLEANUP')
      return new BadUserInputError('urgency cannot be changed once resources are allocated', {
        reason: 'urgency cannot be changed once resources are allocated',
        state: job.state,
      });
  }
  return undefined;
}
