import type { FluxJob } from '../../datasources/flux/flux-job';
import { formatReal } from '../../datasources/flux/json-real';
import { JOB_RESULT_BITS, JOB_STATE_BITS } from '../../datasources/flux/job-state';
import { toWireId } from '../../datasources/flux/wire-id';
import { janssonDump, janssonString } from './jansson-json';

type Formatter = (job: FluxJob) => string | undefined;

const real = (x: number | undefined): string | undefined => (x === undefined ? undefined : formatReal(x, 'jansson'));
const int = (x: number | undefined): string | undefined => (x === undefined ? undefined : String(x));
const str = (s: string | undefined): string | undefined => (s === undefined ? undefined : janssonString(s));
const raised = (job: FluxJob): boolean => job.exception?.occurred === true;

/**
 * How job-list writes each attribute (contract §5), in the order of `job-list.list-attrs`
 * (fixture 01), which is also the order of `"all"`. `undefined` = omitted for this job.
 */
const FORMATTERS: ReadonlyArray<readonly [string, Formatter]> = [
  ['userid', (j) => String(j.userId)],
  ['urgency', (j) => String(j.urgency)],
  ['priority', (j) => int(j.priority)],
  ['t_submit', (j) => real(j.tSubmit)],
  ['t_depend', (j) => real(j.tDepend)],
  ['t_priority', (j) => real(j.tPriority)],
  ['t_sched', (j) => real(j.tSched)],
  ['t_run', (j) => real(j.tRun)],
  ['t_cleanup', (j) => real(j.tCleanup)],
  ['t_inactive', (j) => real(j.tInactive)],
  ['state', (j) => String(JOB_STATE_BITS[j.state])],
  ['name', (j) => str(j.name)],
  ['cwd', (j) => str(j.cwd)],
  ['queue', (j) => str(j.queue)],
  ['project', (j) => str(j.project)],
  ['bank', (j) => str(j.bank)],
  ['ntasks', (j) => int(j.ntasks)],
  ['ncores', (j) => int(j.ncores)],
  ['duration', (j) => real(j.duration)],
  ['nnodes', (j) => int(j.nnodes)],
  ['ranks', (j) => str(j.ranks)],
  ['nodelist', (j) => str(j.nodelist)],
  ['success', (j) => (j.success === undefined ? undefined : String(j.success))],
  ['exception_occurred', (j) => (j.exception === undefined ? undefined : String(j.exception.occurred))],
  ['exception_type', (j) => (raised(j) ? str(j.exception?.type) : undefined)],
  ['exception_severity', (j) => (raised(j) ? int(j.exception?.severity) : undefined)],
  ['exception_note', (j) => (raised(j) ? str(j.exception?.note) : undefined)],
  ['result', (j) => (j.result === undefined ? undefined : String(JOB_RESULT_BITS[j.result]))],
  ['expiration', (j) => real(j.expiration)],
  ['annotations', (j) => (j.annotations === undefined ? undefined : janssonDump(j.annotations))],
  ['waitstatus', (j) => int(j.waitStatus)],
  ['dependencies', (j) => (j.dependencies === undefined ? undefined : janssonDump(j.dependencies))],
];

const BY_NAME: ReadonlyMap<string, Formatter> = new Map(FORMATTERS);

/** Attribute names job-list knows, in its order, then `all` (the `list-attrs` reply). */
export const LIST_ATTRS: readonly string[] = [...FORMATTERS.map(([name]) => name), 'all'];

/**
 * Why `attrs` cannot be formatted, in job-list's words (EINVAL), or undefined when every entry
 * is a known attribute name or `all`.
 */
export function invalidAttrsReason(attrs: readonly unknown[]): string | undefined {
  for (const attr of attrs) {
    if (typeof attr !== 'string') return 'attr has no string value';
    if (attr !== 'all' && !BY_NAME.has(attr)) return `${attr} is not a valid attribute`;
  }
  return undefined;
}

/**
 * One job-list entry as the broker writes it: `id` first, then the asked attributes in request
 * order (`all` expands in list-attrs order), each once, absent ones omitted. `attrs` must have
 * passed {@link invalidAttrsReason}.
 */
export function formatJobEntry(job: FluxJob, attrs: readonly string[]): string {
  let out = `{"id":${toWireId(job.id)}`;
  const seen = attrs.length > 1 ? new Set<string>() : undefined;
  const put = (name: string, format: Formatter): void => {
    if (seen) {
      if (seen.has(name)) return;
      seen.add(name);
    }
    const value = format(job);
    if (value !== undefined) out += `,"${name}":${value}`;
  };
  for (const attr of attrs) {
    if (attr === 'all') for (const [name, format] of FORMATTERS) put(name, format);
    else put(attr, BY_NAME.get(attr) as Formatter);
  }
  return `${out}}`;
}
