import type { FluxJob, FluxJobEvent } from '../../datasources/flux/flux-job';
import { priorityOfUrgency } from '../dataset/job-timeline';
import type { StoredJob } from './job-store';
import { event, teardownEvents } from './live-progress';
import type { JobStep } from './live-progress';

/** What `job-manager.raise` records: the `exception` event's context. */
export interface RaisedException {
  type: string;
  severity: number;
  note: string;
  /** uid of whoever raised it (the connection's, not the job owner's). */
  userid: number;
}

/** wait(2) status of a job shell killed by a cancel: exit 143 (128 + SIGTERM), as recorded (control.jsonl). */
const CANCELED_STATUS = 36608;

/**
 * The steps an exception causes at `now`: the `exception` event; at severity 0 an active job then
 * leaves: a pending one straight to `clean`, a running one through `finish` (the killed shell's
 * status), `release`, `free`, `clean` (timings as recorded), ending INACTIVE with result CANCELED
 * (or FAILED for another type). A job already in CLEANUP only records the event.
 */
export function exceptionSteps(stored: StoredJob, exception: RaisedException, now: number): JobStep[] {
  const job = stored.job;
  const raised: JobStep = { events: [event(now, 'exception', { ...exception })], job };
  if (exception.severity !== 0 || job.state === 'CLEANUP') return [raised];
  const running = job.state === 'RUN';
  const after = running ? teardownEvents(now + 0.0039, CANCELED_STATUS) : [event(now + 0.0002, 'clean')];
  const clean = after[after.length - 1] as FluxJobEvent;
  const ended: FluxJob = {
    ...job,
    state: 'INACTIVE',
    tCleanup: now,
    tInactive: clean.timestamp,
    success: false,
    exception: { occurred: true, type: exception.type, severity: 0, note: exception.note },
    result: exception.type === 'cancel' ? 'CANCELED' : exception.type === 'timeout' ? 'TIMEOUT' : 'FAILED',
    ...(running ? { waitStatus: CANCELED_STATUS } : {}),
  };
  return [{ events: [...raised.events, ...after], job: ended }];
}

/**
 * The steps of an urgency change at `now` by `userid`: the `urgency` event, then, for a job that
 * has a priority (SCHED), a `priority` event when the builtin plugin's priority changes.
 */
export function urgencySteps(stored: StoredJob, urgency: number, userid: number, now: number): JobStep[] {
  const job = stored.job;
  const events = [event(now, 'urgency', { userid, urgency })];
  const next: FluxJob = { ...job, urgency };
  const priority = priorityOfUrgency(urgency);
  if (job.priority !== undefined && job.priority !== priority) {
    events.push(event(now + 0.00002, 'priority', { priority }));
    next.priority = priority;
  }
  return [{ events, job: next }];
}
