import type { FluxJob, FluxJobEvent } from './flux-job';
import type { JobResultName } from './job-state';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** What job-list would take from the redacted jobspec: name, cwd, queue, project, bank, ntasks, duration. */
function fromJobspec(job: FluxJob, jobspec: Record<string, unknown>): void {
  const system = ((jobspec.attributes as Record<string, unknown> | undefined)?.system ?? {}) as Record<string, unknown>;
  const tasks = jobspec.tasks as Array<{ command?: unknown[]; count?: { total?: number } }> | undefined;
  const jobName = (system.job as { name?: unknown } | undefined)?.name;
  const command = tasks?.[0]?.command?.[0];
  if (typeof jobName === 'string') job.name = jobName;
  else if (typeof command === 'string') job.name = command.split('/').pop() ?? command;
  for (const key of ['cwd', 'queue', 'project', 'bank'] as const)
    if (typeof system[key] === 'string') job[key] = system[key] as string;
  if (typeof system.duration === 'number') job.duration = system.duration;
}

/** What job-list takes from R once the job runs: ranks, nodelist, nnodes, expiration. */
function fromR(job: FluxJob, R: Record<string, unknown>): void {
  const execution = R.execution as
    { R_lite?: Array<{ rank?: string }>; nodelist?: string[]; expiration?: number } | undefined;
  if (!execution) return;
  const ranks = execution.R_lite?.map((r) => r.rank).filter((r): r is string => typeof r === 'string');
  if (ranks?.length) job.ranks = ranks.join(',');
  if (execution.nodelist?.length) {
    job.nodelist = execution.nodelist.join(',');
    job.nnodes = execution.nodelist.length;
  }
  if (typeof execution.expiration === 'number') job.expiration = execution.expiration;
}

function resultOf(job: FluxJob): JobResultName {
  if (job.success) return 'COMPLETED';
  if (job.exception?.type === 'cancel') return 'CANCELED';
  if (job.exception?.type === 'timeout') return 'TIMEOUT';
  return 'FAILED';
}

/**
 * The job as job-list would report it after `event`, from the journal's own data (the previous
 * state, the redacted jobspec of `submit` and R of `alloc`): state and its `t_*`, priority,
 * urgency, wait status, exception and result. Returns a new object (subscribers keep snapshots).
 * Fields job-list takes from elsewhere (`ncores`, `dependencies`) stay absent.
 */
export function applyJournalEvent(
  previous: FluxJob | undefined,
  id: bigint,
  event: FluxJobEvent,
  extra: { jobspec?: Record<string, unknown>; R?: Record<string, unknown> } = {},
): FluxJob {
  const ctx = event.context ?? {};
  const job: FluxJob = previous
    ? { ...previous }
    : { id, userId: num(ctx.userid), urgency: num(ctx.urgency ?? 16), state: 'NEW', tSubmit: event.timestamp };
  if (extra.jobspec) fromJobspec(job, extra.jobspec);
  if (extra.R) fromR(job, extra.R);
  const cleanup = (): void => {
    if (job.state === 'CLEANUP' || job.state === 'INACTIVE') return;
    job.state = 'CLEANUP';
    job.tCleanup = event.timestamp;
  };
  switch (event.name) {
    case 'validate':
      [job.state, job.tDepend] = ['DEPEND', event.timestamp];
      break;
    case 'depend':
      [job.state, job.tPriority] = ['PRIORITY', event.timestamp];
      break;
    case 'priority':
      job.priority = num(ctx.priority);
      if (job.state === 'PRIORITY') [job.state, job.tSched] = ['SCHED', event.timestamp];
      break;
    case 'urgency':
      job.urgency = num(ctx.urgency);
      break;
    case 'alloc':
      [job.state, job.tRun] = ['RUN', event.timestamp];
      if (ctx.annotations) job.annotations = ctx.annotations as Record<string, unknown>;
      break;
    case 'exception':
      if (num(ctx.severity) !== 0 || job.exception?.occurred) break;
      job.exception = { occurred: true, type: String(ctx.type), severity: 0, note: String(ctx.note ?? '') };
      cleanup();
      break;
    case 'finish':
      job.waitStatus = num(ctx.status);
      cleanup();
      break;
    case 'clean':
      [job.state, job.tInactive] = ['INACTIVE', event.timestamp];
      job.success = !job.exception?.occurred && job.waitStatus === 0;
      job.exception ??= { occurred: false };
      job.result = resultOf(job);
      break;
    default:
      break;
  }
  return job;
}
