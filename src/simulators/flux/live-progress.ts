import type { FluxJob, FluxJobEvent } from '../../datasources/flux/flux-job';
import type { JobStore, StoredJob } from './job-store';

/** What one live step does to a job: events to append, its new job-list view, R when allocated. */
export interface JobStep {
  events: FluxJobEvent[];
  job: FluxJob;
  R?: Record<string, unknown>;
  /** Events posted before `events` without entering the eventlog (the journal's `annotations`). */
  transient?: FluxJobEvent[];
}

const HOSTS = 192;

/** One eventlog entry (context left out when none). */
export function event(timestamp: number, name: string, context?: Record<string, unknown>): FluxJobEvent {
  return context ? { timestamp, name, context } : { timestamp, name };
}

const ev = event;

/** A job's way out from RUN, starting at `now`: `finish` with wait `status`, `release`, `free`, `clean`. */
export function teardownEvents(now: number, status: number): FluxJobEvent[] {
  return [
    ev(now, 'finish', { status }),
    ev(now + 0.0013, 'release', { ranks: 'all', final: true }),
    ev(now + 0.00133, 'free'),
    ev(now + 0.00134, 'clean'),
  ];
}

/** SCHED → RUN at `now`: `alloc` (with a resource summary) and `start`, on one node picked by id. */
export function startJob(stored: StoredJob, now: number): JobStep {
  const job = stored.job;
  const node = Number(job.id % BigInt(HOSTS));
  const cores = Math.max(1, Math.min(job.ncores ?? 1, 128));
  const coreSet = cores > 1 ? `0-${cores - 1}` : '0';
  const nodelist = `sdfmilan${String(node + 1).padStart(3, '0')}`;
  const expiration = job.duration ? now + job.duration : 0;
  const annotations = { sched: { resource_summary: `rank${node}/core${cores > 1 ? `[${coreSet}]` : '0'}` } };
  const R = {
    version: 1,
    execution: {
      R_lite: [{ rank: String(node), children: { core: coreSet } }],
      starttime: now,
      expiration,
      nslots: job.ntasks ?? 1,
      nodelist: [nodelist],
    },
  };
  return {
    transient: [ev(now - 0.0002, 'annotations', { annotations })],
    events: [ev(now, 'alloc', { annotations }), ev(now + 0.004, 'start')],
    job: {
      ...job,
      state: 'RUN',
      tRun: now,
      nnodes: job.nnodes ?? 1,
      ranks: String(node),
      nodelist,
      expiration,
      annotations,
    },
    R,
  };
}

/** RUN → INACTIVE at `now`, successfully: `finish` (status 0), `release`, `free`, `clean`. */
export function finishJob(stored: StoredJob, now: number): JobStep {
  return {
    events: teardownEvents(now, 0),
    job: {
      ...stored.job,
      state: 'INACTIVE',
      tCleanup: now,
      tInactive: now + 0.00134,
      waitStatus: 0,
      success: true,
      exception: { occurred: false },
      result: 'COMPLETED',
    },
  };
}

/** wait(2) status of a job shell killed at its time limit, as the demo timeline records it. */
const TIMED_OUT_STATUS = 36352;

/**
 * RUN → INACTIVE because its time limit passed, as Flux does: at the expiration the `exception`
 * (type `timeout`, severity 0, note `resource allocation expired`), then the killed shell's
 * `finish`, `release`, `free`, `clean`; result TIMEOUT.
 */
export function timeOutJob(stored: StoredJob): JobStep {
  const at = stored.job.expiration as number;
  const teardown = teardownEvents(at + 0.002, TIMED_OUT_STATUS);
  return {
    events: [ev(at, 'exception', { type: 'timeout', severity: 0, note: 'resource allocation expired' }), ...teardown],
    job: {
      ...stored.job,
      state: 'INACTIVE',
      tCleanup: at,
      tInactive: (teardown[teardown.length - 1] as FluxJobEvent).timestamp,
      waitStatus: TIMED_OUT_STATUS,
      success: false,
      exception: { occurred: true, type: 'timeout', severity: 0, note: 'resource allocation expired' },
      result: 'TIMEOUT',
    },
  };
}

/** True when a running job's time limit has passed at `now` (expiration 0 = none). */
export function pastTimeLimit(job: FluxJob, now: number): boolean {
  return job.state === 'RUN' && job.expiration !== undefined && job.expiration > 0 && job.expiration <= now;
}

/** A new job like `template` (same jobspec, environment, user), submitted at `now` and already SCHED. */
export function submitJob(template: StoredJob, id: bigint, now: number): StoredJob {
  const t = template.job;
  const priority = t.urgency === 0 ? 16 : t.urgency;
  const events = [
    ev(now, 'submit', { userid: t.userId, urgency: priority, flags: 0, version: 1 }),
    ev(now + 0.011, 'validate'),
    ev(now + 0.022, 'depend'),
    ev(now + 0.02205, 'priority', { priority }),
  ];
  const job: FluxJob = {
    id,
    userId: t.userId,
    urgency: priority,
    priority,
    state: 'SCHED',
    tSubmit: now,
    tDepend: now + 0.011,
    tPriority: now + 0.022,
    tSched: now + 0.02205,
  };
  for (const key of ['name', 'cwd', 'queue', 'project', 'bank', 'ntasks', 'ncores', 'duration'] as const) {
    if (t[key] !== undefined) Object.assign(job, { [key]: t[key] });
  }
  const stored: StoredJob = { job, jobspec: template.jobspec, environment: template.environment, eventlog: events };
  if (template.experiment !== undefined) Object.assign(stored, { experiment: template.experiment, run: template.run });
  return stored;
}

/** How many jobs one {@link advanceJobs} step moves. */
export interface AdvanceOptions {
  /** SCHED jobs (priority > 0, in job-list order) to start; default 1. */
  start?: number;
  /** RUN jobs (longest running first) to finish successfully; default 1. */
  finish?: number;
  /** New jobs to submit (they land in SCHED); default 0. */
  submit?: number;
}

/** The ids each part of a step touched. */
export interface AdvanceResult {
  /** Running jobs whose time limit had passed: timed out first, whatever the counts (as Flux does). */
  timedOut: bigint[];
  finished: bigint[];
  started: bigint[];
  submitted: bigint[];
}

/** One live step at `now` (epoch s): times out jobs past their limit, finishes, then starts, then submits jobs. */
export function advanceJobs(store: JobStore, now: number, options: AdvanceOptions = {}): AdvanceResult {
  const { pending, running } = store.lists();
  const expired = running.filter((j) => pastTimeLimit(j, now));
  const toFinish = running
    .filter((j) => j.state === 'RUN' && !pastTimeLimit(j, now))
    .reverse()
    .slice(0, options.finish ?? 1);
  const toStart = pending.filter((j) => j.state === 'SCHED' && (j.priority ?? 0) > 0).slice(0, options.start ?? 1);
  const apply = (job: FluxJob, step: (s: StoredJob, t: number) => JobStep): bigint => {
    const stored = store.get(job.id) as StoredJob;
    const { events, job: next, R, transient = [] } = step(stored, now);
    for (const t of transient) store.post(job.id, t);
    store.update(job.id, events, next, R);
    return job.id;
  };
  const result: AdvanceResult = {
    timedOut: expired.map((j) => apply(j, (stored) => timeOutJob(stored))),
    finished: toFinish.map((j) => apply(j, finishJob)),
    started: toStart.map((j) => apply(j, startJob)),
    submitted: [],
  };
  let id = store.maxId();
  const template = id > 0n ? store.get(id) : undefined;
  for (let i = 0; template && i < (options.submit ?? 0); i++) {
    id += 1n << 24n;
    store.add(submitJob(template, id, now));
    result.submitted.push(id);
  }
  return result;
}
