import type { FluxJob } from './flux-job';
import type { JobResultName, JobStateName } from './job-state';

// Values flux-core's Python JobInfo derives (contract flux.md §5).

const PENDING_OR_RUNNING = new Set(['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP']);

/** `status`: the state name while pending or running, else the result name, else "". */
export function jobStatus(job: FluxJob): string {
  if (PENDING_OR_RUNNING.has(job.state)) return job.state;
  return job.result ?? '';
}

const STATE_ABBREV: Readonly<Record<JobStateName, string>> = {
  NEW: 'N',
  DEPEND: 'D',
  PRIORITY: 'P',
  SCHED: 'S',
  RUN: 'R',
  CLEANUP: 'C',
  INACTIVE: 'I',
};
const RESULT_ABBREV: Readonly<Record<JobResultName, string>> = {
  COMPLETED: 'CD',
  FAILED: 'F',
  CANCELED: 'CA',
  TIMEOUT: 'TO',
};

/** `status_abbrev`: {@link jobStatus} in flux's short forms (`S`, `R`, `CD`, `TO`, …), else "". */
export function jobStatusAbbrev(job: FluxJob): string {
  if (PENDING_OR_RUNNING.has(job.state)) return STATE_ABBREV[job.state];
  return job.result ? RESULT_ABBREV[job.result] : '';
}

/** `t_remaining` at `now` (epoch s): seconds until `expiration` while the status is RUN, never below 0; else 0. */
export function jobTimeRemaining(job: FluxJob, now: number): number {
  if (job.state !== 'RUN' || job.expiration === undefined) return 0;
  return Math.max(0, job.expiration - now);
}

/** `runtime` in seconds at `now` (epoch s). */
export function jobRuntime(job: FluxJob, now: number): number {
  if (job.tRun === undefined) return 0;
  return (job.tCleanup ?? now) - job.tRun;
}

/** `returncode`: exit code, −signal, −128 canceled, 1 failed, else undefined. */
export function jobReturnCode(job: FluxJob): number | undefined {
  if (job.waitStatus !== undefined) {
    const signal = job.waitStatus & 0x7f;
    return signal !== 0 ? -signal : (job.waitStatus >> 8) & 0xff;
  }
  if (job.result === 'CANCELED') return -128;
  if (job.result === 'FAILED') return 1;
  return undefined;
}

/** Seconds queued: t_run − t_submit if it ran, now − t_submit while pending, else undefined. */
export function jobQueuedSeconds(job: FluxJob, now: number): number | undefined {
  if (job.tRun !== undefined) return job.tRun - job.tSubmit;
  if (job.state !== 'INACTIVE') return now - job.tSubmit;
  return undefined;
}
