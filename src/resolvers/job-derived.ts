import type { FluxJob } from '../datasources/flux/flux-job';

// Values flux-core's Python JobInfo derives (contract flux.md §5).

const PENDING_OR_RUNNING = new Set(['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP']);

/** `status`: the state name while pending or running, else the result name, else "". */
export function jobStatus(job: FluxJob): string {
  if (PENDING_OR_RUNNING.has(job.state)) return job.state;
  return job.result ?? '';
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
