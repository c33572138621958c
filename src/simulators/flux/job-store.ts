import { EventEmitter } from 'node:events';
import type { FluxJob, FluxJobEvent } from '../../datasources/flux/flux-job';
import type { Dataset, DatasetJob } from '../dataset';
import { JobTexts } from './job-texts';

/** One job as the simulated broker holds it: the job-list view plus the job-info data. */
export interface StoredJob extends DatasetJob {
  /** Replaced (never mutated) on every change, so a listing can hold a consistent snapshot. */
  job: FluxJob;
  /** The output eventlog (`guest.output`, RFC 24) once the job started; see `job-output.ts`. */
  output?: OutputLog;
}

/** A job's output eventlog as the simulator keeps it. */
export interface OutputLog {
  /** Events written so far: `header`, then `data` / `redirect`. */
  events: FluxJobEvent[];
  /** Planned `data` events not written yet, in time order (written as the clock passes them). */
  pending: FluxJobEvent[];
  /** Every writer closed (the last `eof`, or the job ended with its output redirected): watches end. */
  complete: boolean;
}

/** Job lists in job-list's order (contract §4.1). */
export interface JobLists {
  /** DEPEND, PRIORITY, SCHED: priority descending (none = 0), then id ascending. */
  pending: readonly FluxJob[];
  /** RUN, CLEANUP: `t_run` descending. */
  running: readonly FluxJob[];
  /** INACTIVE: `t_inactive` descending. */
  inactive: readonly FluxJob[];
}

/**
 * Events of a {@link JobStore}: `event` (id, FluxJobEvent) for each eventlog append (every source of
 * events goes through {@link JobStore.add} or {@link JobStore.update}, so the journal sees them all),
 * `change` (id) after, `output` (id, event) for each append to a job's output eventlog and
 * `outputEnd` (id) once it is complete.
 */
export interface JobStoreEvents {
  event: [id: bigint, event: FluxJobEvent, posted?: 'transient'];
  change: [id: bigint];
  output: [id: bigint, event: FluxJobEvent];
  outputEnd: [id: bigint];
}

/**
 * The simulated broker's jobs, indexed by id, with the three job-list lists sorted on demand.
 * Changes go through {@link JobStore.update}, which appends events and emits them to watchers.
 */
export class JobStore extends EventEmitter<JobStoreEvents> {
  private readonly byId = new Map<bigint, StoredJob>();
  private sorted: JobLists | undefined;
  /** The jobs' texts as the KVS stores them (eventlog, jobspec, R, J), encoded once per change. */
  readonly texts = new JobTexts();

  constructor(dataset: Dataset) {
    super();
    this.setMaxListeners(0);
    for (const j of dataset.jobs) this.byId.set(j.job.id, { ...j, eventlog: [...j.eventlog] });
  }

  /** The job with this id, if the broker knows it. */
  get(id: bigint): StoredJob | undefined {
    return this.byId.get(id);
  }

  /** Every job, in id order of insertion. */
  all(): IterableIterator<StoredJob> {
    return this.byId.values();
  }

  /** Number of jobs. */
  get size(): number {
    return this.byId.size;
  }

  /** The largest id known, 0n when empty. */
  maxId(): bigint {
    let max = 0n;
    for (const id of this.byId.keys()) if (id > max) max = id;
    return max;
  }

  /** The three lists, sorted (cached until the next change). */
  lists(): JobLists {
    if (this.sorted) return this.sorted;
    const pending: FluxJob[] = [];
    const running: FluxJob[] = [];
    const inactive: FluxJob[] = [];
    for (const { job } of this.byId.values()) {
      if (job.state === 'INACTIVE') inactive.push(job);
      else if (job.state === 'RUN' || job.state === 'CLEANUP') running.push(job);
      else if (job.state !== 'NEW') pending.push(job);
    }
    pending.sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    running.sort((a, b) => (b.tRun ?? 0) - (a.tRun ?? 0));
    inactive.sort((a, b) => (b.tInactive ?? 0) - (a.tInactive ?? 0));
    this.sorted = { pending, running, inactive };
    return this.sorted;
  }

  /** Adds a new job (live mode submissions). */
  add(job: StoredJob): void {
    this.byId.set(job.job.id, job);
    this.sorted = undefined;
    for (const ev of job.eventlog) this.emit('event', job.job.id, ev);
    this.emit('change', job.job.id);
  }

  /**
   * Posts an event that is not committed to the eventlog (job-manager's EVENT_NO_COMMIT, e.g.
   * `annotations` before `alloc`): only the journal sees it (emitted as `event` with `'transient'`).
   */
  post(id: bigint, event: FluxJobEvent): void {
    if (!this.byId.has(id)) throw new Error(`no job ${id}`);
    this.emit('event', id, event, 'transient');
  }

  /** Appends `events` to a job's output eventlog and emits them; `complete` ends its watches after them. */
  appendOutput(id: bigint, events: readonly FluxJobEvent[], complete = false): void {
    const stored = this.byId.get(id);
    if (!stored?.output) throw new Error(`no output log for job ${id}`);
    for (const ev of events) {
      stored.output.events.push(ev);
      this.emit('output', id, ev);
    }
    if (complete && !stored.output.complete) {
      stored.output.complete = true;
      this.emit('outputEnd', id);
    }
  }

  /** Appends `events` to a job's eventlog and replaces its job-list view (and R, when given). */
  update(id: bigint, events: readonly FluxJobEvent[], job: FluxJob, R?: Record<string, unknown>): void {
    const stored = this.byId.get(id);
    if (!stored) throw new Error(`no job ${id}`);
    stored.job = job;
    if (R) stored.R = R;
    this.sorted = undefined;
    for (const ev of events) {
      stored.eventlog.push(ev);
      this.emit('event', id, ev);
    }
    this.emit('change', id);
  }
}
