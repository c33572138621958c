import { ERRNO } from '../../datasources/flux/errno';
import type { FluxJobEvent } from '../../datasources/flux/flux-job';
import { fromWireId } from '../../datasources/flux/wire-id';
import { janssonDump } from './jansson-json';
import type { StoredJob } from './job-store';
import { exceptionSteps, urgencySteps } from './job-control-progress';
import { isJsonInteger } from './request-unpack';
import { fail, ok } from './sim-service';
import type { SimCall, SimReply, SimResult } from './sim-service';

const URGENCY_MAX = 31;
const URGENCY_DEFAULT = 16;
/** An empty success response (no payload), as `job-manager.raise` answers. */
const EMPTY_SUCCESS: SimReply = { errnum: 0 };

/** When a call's events happen: the broker's clock, kept after the job's last event (eventlogs stay ordered). */
function eventTime(call: SimCall, job: StoredJob): number {
  const last = job.eventlog[job.eventlog.length - 1];
  return Math.max(call.clock?.() ?? Date.now() / 1000, (last?.timestamp ?? 0) + 0.001);
}

/** An exception type as raise.c accepts it: non-empty, no whitespace, no `=`. */
function validType(type: string): boolean {
  return type.length > 0 && !/[\s=]/.test(type);
}

function applySteps(
  call: SimCall,
  job: StoredJob,
  steps: ReadonlyArray<{ events: FluxJobEvent[]; job: StoredJob['job'] }>,
): void {
  for (const step of steps) call.store.update(job.job.id, step.events, step.job);
}

/**
 * `job-manager.raise {id, severity, type, note?}` (upstream raise.c; fixture control.jsonl):
 * EPROTO `invalid exception severity` / `invalid exception type`, ENOENT `unknown job id` /
 * `job is inactive`, EPERM for a guest on another user's job; else an `exception` event
 * (context type, severity, note, userid of the raiser) and, at severity 0, the job's way out.
 */
export function raise(call: SimCall): SimResult {
  const { id: rawId, severity, type, note } = call.payload;
  if (!isJsonInteger(rawId) || !isJsonInteger(severity) || typeof type !== 'string') return [fail(ERRNO.EPROTO)];
  if (note !== undefined && typeof note !== 'string') return [fail(ERRNO.EPROTO)];
  if (Number(severity) < 0 || Number(severity) > 7) return [fail(ERRNO.EPROTO, 'invalid exception severity')];
  if (!validType(type)) return [fail(ERRNO.EPROTO, 'invalid exception type')];
  const job = call.store.get(fromWireId(rawId));
  if (!job) return [fail(ERRNO.ENOENT, 'unknown job id')];
  if (job.job.state === 'INACTIVE') return [fail(ERRNO.ENOENT, 'job is inactive')];
  if (!call.caller.owner && job.job.userId !== call.caller.uid)
    return [fail(ERRNO.EPERM, 'guests can only raise exceptions on their own jobs')];
  const exception = { type, severity: Number(severity), note: note ?? '', userid: call.caller.uid };
  applySteps(call, job, exceptionSteps(job, exception, eventTime(call, job)));
  return [EMPTY_SUCCESS];
}

/**
 * `job-manager.urgency {id, urgency}` → `{"old_urgency":N}` (upstream urgency.c; fixture
 * control.jsonl), checked in the broker's order: range, job known and active, a guest's own job,
 * a guest at most max(16, current), no resources allocated yet. Appends `urgency` (and `priority`
 * when a scheduled job's priority changes).
 */
export function urgency(call: SimCall): SimResult {
  const { id: rawId, urgency: value } = call.payload;
  if (!isJsonInteger(rawId) || !isJsonInteger(value)) return [fail(ERRNO.EPROTO)];
  const wanted = Number(value);
  if (wanted < 0 || wanted > URGENCY_MAX) return [fail(ERRNO.EINVAL, 'urgency value is out of range')];
  const job = call.store.get(fromWireId(rawId));
  if (!job) return [fail(ERRNO.EINVAL, 'unknown job')];
  if (job.job.state === 'INACTIVE') return [fail(ERRNO.EINVAL, 'job is inactive')];
  if (!call.caller.owner && job.job.userId !== call.caller.uid)
    return [fail(ERRNO.EPERM, 'guests can only reprioritize their own jobs')];
  if (!call.caller.owner && wanted > Math.max(URGENCY_DEFAULT, job.job.urgency))
    return [fail(ERRNO.EPERM, 'guests can only adjust urgency <= default')];
  if (job.job.state === 'RUN' || job.job.state === 'CLEANUP')
    return [fail(ERRNO.EINVAL, 'urgency cannot be changed once resources are allocated')];
  const old = job.job.urgency;
  applySteps(call, job, urgencySteps(job, wanted, call.caller.uid, eventTime(call, job)));
  return [ok(janssonDump({ old_urgency: old }))];
}
