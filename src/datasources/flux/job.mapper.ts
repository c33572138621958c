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

const OPTIONAL_NUMBERS = [
  ['priority', 'priority'], ['t_depend', 'tDepend'], ['t_priority', 'tPriority'], ['t_sched', 'tSched'], ['t_run', 'tRun'],
  ['t_cleanup', 'tCleanup'], ['t_inactive', 'tInactive'], ['ntasks', 'ntasks'], ['ncores', 'ncores'], ['nnodes', 'nnodes'],
  ['duration', 'duration'], ['expiration', 'expiration'], ['waitstatus', 'waitStatus'],
] as const satisfies ReadonlyArray<readonly [string, keyof FluxJob]>;
const OPTIONAL_STRINGS = [
  ['name', 'name'], ['cwd', 'cwd'], ['queue', 'queue'], ['project', 'project'], ['bank', 'bank'], ['ranks', 'ranks'], ['nodelist', 'nodelist'],
] as const satisfies ReadonlyArray<readonly [string, keyof FluxJob]>;

/**
 * Maps one job-list entry (requested with `attrs: ["all"]`) to a {@link FluxJob}: ids as unsigned
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
  for (const [from, to] of OPTIONAL_NUMBERS) {
    const v = num(raw, from);
    if (v !== undefined) (job as unknown as Record<string, number>)[to] = v;
  }
  for (const [from, to] of OPTIONAL_STRINGS) {
    const v = str(raw, from);
    if (v !== undefined) (job as unknown as Record<string, string>)[to] = v;
  }
  if (typeof raw.success === 'boolean') job.success = raw.success;
  const ex = exception(raw);
  if (ex) job.exception = ex;
  if (raw.annotations !== undefined && typeof raw.annotations === 'object' && raw.annotations !== null) job.annotations = raw.annotations as Record<string, unknown>;
  if (Array.isArray(raw.dependencies)) job.dependencies = raw.dependencies.map(String);
  return job;
}
