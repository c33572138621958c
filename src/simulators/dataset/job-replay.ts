import type { FluxJob, FluxJobEvent } from '../../datasources/flux/flux-job';
import type { JobResultName } from '../../datasources/flux/job-state';

/** What job-list learns about a job from its jobspec and, once allocated, from R. */
export interface JobStatic {
  id: bigint;
  name?: string;
  cwd?: string;
  queue?: string;
  project?: string;
  bank?: string;
  ntasks?: number;
  ncores?: number;
  /** Known from the jobspec when it asks for nodes. */
  nnodesRequested?: number;
  /** Seconds; 0 = unlimited. */
  duration?: number;
  /** From R, shown once the job reached RUN. */
  alloc?: { nnodes: number; ranks: string; nodelist: string; expiration: number };
}

/**
 * Replays an RFC 21 eventlog the way job-list does and returns the job as job-list reports
 * it after the last event: state, the `t_*` of each state first entered, priority,
 * outstanding dependencies, exception, wait status and result. `submit` must come first.
 */
export function replayJob(info: JobStatic, events: readonly FluxJobEvent[]): FluxJob {
  const first = events[0];
  if (!first || first.name !== 'submit') throw new Error(`job ${info.id}: eventlog must start with submit`);
  const job: FluxJob = {
    id: info.id,
    userId: num(first.context?.userid),
    urgency: num(first.context?.urgency ?? 16),
    state: 'NEW',
    tSubmit: first.timestamp,
  };
  let deps: string[] | undefined;
  let exception: FluxJob['exception'];
  let ran = false;
  for (const ev of events.slice(1)) {
    const ctx = ev.context ?? {};
    switch (ev.name) {
      case 'validate':
        job.state = 'DEPEND';
        job.tDepend = ev.timestamp;
        break;
      case 'dependency-add':
        (deps ??= []).push(String(ctx.description));
        break;
      case 'dependency-remove':
        deps = (deps ?? []).filter((d) => d !== String(ctx.description));
        break;
      case 'depend':
        job.state = 'PRIORITY';
        job.tPriority = ev.timestamp;
        break;
      case 'priority':
        job.priority = num(ctx.priority);
        if (job.state === 'PRIORITY') {
          job.state = 'SCHED';
          job.tSched = ev.timestamp;
        }
        break;
      case 'urgency':
        job.urgency = num(ctx.urgency);
        break;
      case 'alloc':
        job.state = 'RUN';
        job.tRun = ev.timestamp;
        ran = true;
        if (ctx.annotations) job.annotations = ctx.annotations as Record<string, unknown>;
        break;
      case 'exception':
        if (num(ctx.severity) === 0 && !exception) {
          exception = { occurred: true, type: String(ctx.type), severity: 0 };
          if (ctx.note !== undefined) exception.note = String(ctx.note);
          enterCleanup(job, ev.timestamp);
        }
        break;
      case 'finish':
        job.waitStatus = num(ctx.status);
        enterCleanup(job, ev.timestamp);
        break;
      case 'clean':
        job.state = 'INACTIVE';
        job.tInactive = ev.timestamp;
        break;
      default:
        break;
    }
  }
  copyStatic(job, info, ran);
  if (deps) job.dependencies = deps;
  if (job.state === 'INACTIVE') {
    job.success = !exception && job.waitStatus === 0;
    job.exception = exception ?? { occurred: false };
    job.result = resultOf(job.success, exception?.type);
  }
  return job;
}

function enterCleanup(job: FluxJob, t: number): void {
  if (job.state === 'CLEANUP' || job.state === 'INACTIVE') return;
  job.state = 'CLEANUP';
  job.tCleanup = t;
}

function copyStatic(job: FluxJob, info: JobStatic, ran: boolean): void {
  if (info.name !== undefined) job.name = info.name;
  if (info.cwd !== undefined) job.cwd = info.cwd;
  if (info.queue !== undefined) job.queue = info.queue;
  if (info.project !== undefined) job.project = info.project;
  if (info.bank !== undefined) job.bank = info.bank;
  if (info.ntasks !== undefined) job.ntasks = info.ntasks;
  if (info.ncores !== undefined) job.ncores = info.ncores;
  if (info.duration !== undefined) job.duration = info.duration;
  if (info.nnodesRequested !== undefined) job.nnodes = info.nnodesRequested;
  if (ran && info.alloc) {
    job.nnodes = info.alloc.nnodes;
    job.ranks = info.alloc.ranks;
    job.nodelist = info.alloc.nodelist;
    job.expiration = info.alloc.expiration;
  }
}

/** job-list's result rule: COMPLETED if successful, else by exception type, else FAILED. */
export function resultOf(success: boolean, exceptionType: string | undefined): JobResultName {
  if (success) return 'COMPLETED';
  if (exceptionType === 'cancel') return 'CANCELED';
  if (exceptionType === 'timeout') return 'TIMEOUT';
  return 'FAILED';
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}
