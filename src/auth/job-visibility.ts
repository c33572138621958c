import { ForbiddenError } from '../errors';
import type { Caller } from './caller';

/** A caller with the Unix uid their name resolves to (undefined when the user database has no such user). */
export type ResolvedCaller = Caller & { uid?: number };

/**
 * Flux's own rule (contract flux.md §9): job-list fields of every job are public to every
 * caller; a job's details (eventlog, jobspec, environment, R, profile download keys) belong
 * to its owner and to operators. The same rule applies however the job was reached
 * (`job`, `jobs`, `jobHistory`, `ElogRun.jobs`, `ProfileReport.job`). An unknown owner
 * (`undefined`) leaves the details to operators.
 */
export function canSeeJobDetails(caller: ResolvedCaller, ownerUid: number | undefined): boolean {
  return caller.isOperator || (caller.uid !== undefined && ownerUid !== undefined && caller.uid === ownerUid);
}

/** Throws FORBIDDEN naming the field when the caller may not see a job's details. */
export function assertCanSeeJobDetails(caller: ResolvedCaller, ownerUid: number | undefined, field: string): void {
  if (!canSeeJobDetails(caller, ownerUid)) {
    throw new ForbiddenError(`${field} is visible only to the job's owner and operators; ${caller.user} is neither`, {
      field,
    });
  }
}

/** Throws FORBIDDEN unless the caller is an operator (forwardJobs, postRunStatus). */
export function assertOperator(caller: Caller, action: string): void {
  if (!caller.isOperator)
    throw new ForbiddenError(
      `${action} is for operators only; ${caller.user} is not one (JOBGRAPH_OPERATORS or the JWT operator role)`,
      { action },
    );
}
