import type { FluxJob, FluxJobException } from './flux-job';
import { FluxProtocolError } from './flux-protocol-error';
import { JOB_RESULT_BITS, JOB_STATE_BITS } from './job-state';
import type { JobResultName, JobStateName } from './job-state';
import { fromWireId } from './wire-id';

const STATE_NAMES = new Map(Object.entries(JOB_STATE_BITS).map(([name, bit]) => [bit, name as JobStateName]));
const RESULT_NAMES = new Map(Object.entries(JOB_RESULT_BITS).map(([name, bit]) => [bit, name as JobResultName]));

type Raw = Record<string, unknown>;

function num(raw: Raw, key: string): number | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number') throw new FluxProtocolError(`job entry ${key} is not a number: ${String(v)}`);
  return v;
}

function str(raw: Raw, key: string): string | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new FluxProtocolError(`job entry ${key} is not a string`);
  return v;
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new FluxProtocolError(`job entry lacks ${key}`);
  return value;
}

function named<T>(names: Map<number, T>, bit: number | undefined, key: string): T | undefined {
  if (bit === undefined) return undefined;
  const name = names.get(bit);
  if (name === undefined) throw new FluxProtocolError(`job entry ${key} ${bit} is not a known bit`);
  return name;
}

/** The job-list attributes every mapped entry needs (with `id`, always sent): {@link mapJobEntry} refuses entries without them. */
export const JOB_ENTRY_REQUIRED_ATTRS: readonly string[] = ['userid', 'urgency', 'state', 't_submit'];

function exception(raw: Raw): FluxJobException | undefined {
  if (raw.exception_occurred === undefined) return undefined;
  const out: FluxJobException = { occurred: raw.exception_occurred === true };
  const type = str(raw, 'exception_type');
  const severity = num(raw, 'exception_severity');
  const note = str(raw, 'exception_note');
  if (type !== undefined) out.type = type;
  if (severity !== undefined) out.severity = severity;
  if (note !== undefined) out.note = note;
  return out;
}

/**
 * Maps one job-list entry (requested with `attrs: ["all"]`, or a subset holding {@link JOB_ENTRY_REQUIRED_ATTRS}) to a {@link FluxJob}: ids as unsigned
 * bigint (negative wire ids ≥ 2^63 converted), state/result bits as names, attributes the broker
 * omitted stay absent. Throws {@link FluxProtocolError} for entries without id, userid, urgency,
 * state or t_submit, or with values of the wrong type.
 */
export function mapJobEntry(raw: Raw): FluxJob {
  const job: FluxJob = {
    id: fromWireId(required(raw.id, 'id')),
    userId: required(num(raw, 'userid'), 'userid'),
    urgency: required(num(raw, 'urgency'), 'urgency'),
    state: required(named(STATE_NAMES, num(raw, 'state'), 'state'), 'state'),
    tSubmit: required(num(raw, 't_submit'), 't_submit'),
  };
  const result = named(RESULT_NAMES, num(raw, 'result'), 'result');
  if (result !== undefined) job.result = result;
  // Written out field by field (not a loop over key pairs): a listing maps every job, and keyed
  // stores with a variable name were the mapper's cost.
  let n: number | undefined;
  let t: string | undefined;
  if ((n = num(raw, 'priority')) !== undefined) job.priority = n;
  if ((n = num(raw, 't_depend')) !== undefined) job.tDepend = n;
  if ((n = num(raw, 't_priority')) !== undefined) job.tPriority = n;
  if ((n = num(raw, 't_sched')) !== undefined) job.tSched = n;
  if ((n = num(raw, 't_run')) !== undefined) job.tRun = n;
  if ((n = num(raw, 't_cleanup')) !== undefined) job.tCleanup = n;
  if ((n = num(raw, 't_inactive')) !== undefined) job.tInactive = n;
  if ((n = num(raw, 'ntasks')) !== undefined) job.ntasks = n;
  if ((n = num(raw, 'ncores')) !== undefined) job.ncores = n;
  if ((n = num(raw, 'nnodes')) !== undefined) job.nnodes = n;
  if ((n = num(raw, 'duration')) !== undefined) job.duration = n;
  if ((n = num(raw, 'expiration')) !== undefined) job.expiration = n;
  if ((n = num(raw, 'waitstatus')) !== undefined) job.waitStatus = n;
  if ((t = str(raw, 'name')) !== undefined) job.name = t;
  if ((t = str(raw, 'cwd')) !== undefined) job.cwd = t;
  if ((t = str(raw, 'queue')) !== undefined) job.queue = t;
  if ((t = str(raw, 'project')) !== undefined) job.project = t;
  if ((t = str(raw, 'bank')) !== undefined) job.bank = t;
  if ((t = str(raw, 'ranks')) !== undefined) job.ranks = t;
  if ((t = str(raw, 'nodelist')) !== undefined) job.nodelist = t;
  if (typeof raw.success === 'boolean') job.success = raw.success;
  const ex = exception(raw);
  if (ex) job.exception = ex;
  if (raw.annotations !== undefined && typeof raw.annotations === 'object' && raw.annotations !== null)
    job.annotations = raw.annotations as Record<string, unknown>;
  if (Array.isArray(raw.dependencies)) job.dependencies = raw.dependencies.map(String);
  return job;
}
