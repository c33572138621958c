import type { FluxJob } from '../../datasources/flux/flux-job';
import { JOB_RESULT_BITS, JOB_STATE_BITS, JOB_STATE_MASKS } from '../../datasources/flux/job-state';
import { hostlistHosts, idsetMembers } from './member-sets';
import { isJsonInteger } from './request-unpack';

/** An RFC 43 constraint that job-list would reject; `message` is its text (after `constraint object invalid: `). */
export class ConstraintError extends Error {}

/** The comparison budget ran out (`job-list.max_comparisons`). */
export class ComparisonBudgetError extends Error {
  constructor() {
    super('Excessive comparisons made, limit search via states or since');
  }
}

/** Counts comparisons across one request, as job-list does. */
export interface ComparisonCounter {
  count: number;
  /** 0 = unlimited. */
  limit: number;
}

/** A compiled constraint. */
export type JobMatcher = (job: FluxJob, counter: ComparisonCounter) => boolean;

const USERID_ANY = 4294967295;
const TIME_OPS = ['t_submit', 't_depend', 't_run', 't_cleanup', 't_inactive'] as const;
type TimeOp = (typeof TIME_OPS)[number];

function tick(counter: ComparisonCounter): void {
  if (++counter.count > counter.limit && counter.limit > 0) throw new ComparisonBudgetError();
}

/** State names job-list accepts: `NEW`, `new`, `N`, `n`, … (flux_job_strtostate). */
const STATE_NAMES: ReadonlyMap<string, number> = names(JOB_STATE_BITS, {
  NEW: 'N',
  DEPEND: 'D',
  PRIORITY: 'P',
  SCHED: 'S',
  RUN: 'R',
  CLEANUP: 'C',
  INACTIVE: 'I',
});
/** Result names: `COMPLETED`/`completed`/`CD`/`cd`, … (flux_job_strtoresult). */
const RESULT_NAMES: ReadonlyMap<string, number> = names(JOB_RESULT_BITS, {
  COMPLETED: 'CD',
  FAILED: 'F',
  CANCELED: 'CA',
  TIMEOUT: 'TO',
});

function names(bits: Readonly<Record<string, number>>, short: Readonly<Record<string, string>>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [name, bit] of Object.entries(bits)) {
    const abbrev = short[name] ?? name;
    for (const n of [name, name.toLowerCase(), abbrev, abbrev.toLowerCase()]) out.set(n, bit);
  }
  return out;
}

function bitmask(
  op: 'states' | 'results',
  values: unknown[],
  known: ReadonlyMap<string, number>,
  valid: number,
): number {
  let mask = 0;
  for (const v of values) {
    let bits: number;
    if (typeof v === 'string') {
      const found = known.get(v);
      if (found === undefined) throw new ConstraintError(`invalid ${op} value '${v}' specified`);
      bits = found;
    } else if (isJsonInteger(v)) {
      bits = Number(BigInt.asIntN(32, BigInt(v)));
      if (bits & ~valid)
        throw new ConstraintError(`invalid ${op} value '${(bits >>> 0).toString(16).toUpperCase()}h' specified`);
    } else throw new ConstraintError(`${op} value invalid type`);
    mask |= bits;
  }
  return mask;
}

function timeOf(job: FluxJob, op: TimeOp): number | undefined {
  switch (op) {
    case 't_submit':
      return job.tSubmit;
    case 't_depend':
      return job.tDepend;
    case 't_run':
      return job.tRun;
    case 't_cleanup':
      return job.tCleanup;
    default:
      return job.tInactive;
  }
}

function timestamp(op: TimeOp, values: unknown[]): JobMatcher {
  const v = values[0];
  if (v === undefined) throw new ConstraintError('timestamp value not specified');
  if (typeof v !== 'string') throw new ConstraintError(`${op} value must be a string`);
  const cmp = ['>=', '<=', '>', '<'].find((c) => v.startsWith(c));
  if (cmp === undefined) throw new ConstraintError('timestamp comparison operator not specified');
  const text = v.slice(cmp.length);
  const t = Number(text);
  if (text.trim() === '' || !/^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) || Number.isNaN(t))
    throw new ConstraintError('Invalid timestamp value specified');
  if (t < 0) throw new ConstraintError('timestamp value must be >= 0.0');
  const test = {
    '>=': (x: number) => x >= t,
    '<=': (x: number) => x <= t,
    '>': (x: number) => x > t,
    '<': (x: number) => x < t,
  }[cmp as '>=' | '<=' | '>' | '<'];
  return (job, counter) => {
    tick(counter);
    const x = timeOf(job, op);
    return x !== undefined && test(x);
  };
}

function strings(op: string, values: unknown[]): string[] {
  return values.map((v) => {
    if (typeof v !== 'string') throw new ConstraintError(`${op} value must be a string`);
    return v;
  });
}

function anyOf<T>(items: readonly T[], test: (item: T) => boolean): JobMatcher {
  return (_job, counter) => items.some((item) => (tick(counter), test(item)));
}

/**
 * Compiles an RFC 43 constraint the way job-list's match.c does, with its error texts;
 * `undefined` (no constraint) matches every job. Throws {@link ConstraintError}.
 */
export function compileConstraint(constraint: unknown): JobMatcher {
  if (constraint === undefined) return (_job, counter) => (tick(counter), true);
  if (constraint === null || typeof constraint !== 'object' || Array.isArray(constraint))
    throw new ConstraintError('constraint must be JSON object');
  const entries = Object.entries(constraint);
  if (entries.length > 1) throw new ConstraintError('constraint must only contain 1 element');
  const [entry] = entries;
  if (!entry) return (_job, counter) => (tick(counter), true);
  const [op, values] = entry;
  if (!Array.isArray(values)) throw new ConstraintError(`operator ${op} values not an array`);
  switch (op) {
    case 'and':
    case 'or':
    case 'not': {
      const parts = values.map((v) => compileConstraint(v));
      const all: JobMatcher = (job, counter) => parts.every((m) => m(job, counter));
      if (op === 'and') return all;
      if (op === 'not') return (job, counter) => !all(job, counter);
      return (job, counter) => parts.length === 0 || parts.some((m) => m(job, counter));
    }
    case 'userid': {
      const uids = values.map((v) => {
        if (!isJsonInteger(v)) throw new ConstraintError('userid value must be an integer');
        return Number(BigInt.asUintN(32, BigInt(v)));
      });
      return (job, counter) => uids.some((uid) => (tick(counter), uid === USERID_ANY || uid === job.userId));
    }
    case 'name':
    case 'queue': {
      const wanted = strings(op, values);
      return (job, counter) => anyOf(wanted, (w) => job[op] === w)(job, counter);
    }
    case 'states': {
      const mask = bitmask(
        'states',
        values,
        STATE_NAMES,
        JOB_STATE_MASKS.ACTIVE | JOB_STATE_BITS.NEW | JOB_STATE_BITS.INACTIVE,
      );
      return (job, counter) => (tick(counter), (JOB_STATE_BITS[job.state] & mask) !== 0);
    }
    case 'results': {
      const mask = bitmask('results', values, RESULT_NAMES, 15);
      return (job, counter) => (
        tick(counter),
        job.state === 'INACTIVE' && job.result !== undefined && (JOB_RESULT_BITS[job.result] & mask) !== 0
      );
    }
    case 'hostlist': {
      const hosts = hostsOf(values);
      return (job, counter) =>
        job.nodelist !== undefined && anyOf(hosts, (h) => hostlistHosts(job.nodelist as string).has(h))(job, counter);
    }
    case 'ranks': {
      const ranks = ranksOf(values);
      return (job, counter) =>
        job.ranks !== undefined && anyOf(ranks, (r) => idsetMembers(job.ranks as string).has(r))(job, counter);
    }
    default:
      if ((TIME_OPS as readonly string[]).includes(op)) return timestamp(op as TimeOp, values);
      throw new ConstraintError(`unknown constraint operator: ${op}`);
  }
}

/** Members of each string value (hostlists, idsets), with match.c's texts for bad values. */
function members<T>(
  values: unknown[],
  parse: (text: string) => ReadonlySet<T>,
  what: { type: string; format: string },
): T[] {
  const out: T[] = [];
  for (const v of values) {
    if (typeof v !== 'string') throw new ConstraintError(`${what.type} value must be a string`);
    const parsed = parse(v);
    if (parsed.size === 0) throw new ConstraintError(`${what.type} value not in valid ${what.format} format`);
    out.push(...parsed);
  }
  return out;
}

function hostsOf(values: unknown[]): string[] {
  const hosts = members(values, hostlistHosts, { type: 'host', format: 'Hostlist' });
  if (hosts.length > 1024) throw new ConstraintError('too many hosts specified');
  return hosts;
}

function ranksOf(values: unknown[]): number[] {
  return members(values, idsetMembers, { type: 'ranks', format: 'idset' });
}

/** Operators that read nothing of an INACTIVE job but its `t_submit` and `t_inactive` (its state is known). */
const TIMES_ONLY = new Set(['and', 'or', 'not', 'states', 't_submit', 't_inactive']);

/**
 * Whether a constraint {@link compileConstraint} accepted reads nothing of an INACTIVE job but its
 * `t_submit` and `t_inactive`: its matcher then answers (and counts comparisons) the same for a
 * stand-in holding only those and the state (see collect() in job-list.service.ts).
 */
export function readsOnlyTimes(constraint: unknown): boolean {
  if (constraint === undefined) return true;
  const [entry] = Object.entries(constraint as Record<string, unknown[]>);
  if (!entry) return true;
  const [op, values] = entry;
  if (!TIMES_ONLY.has(op)) return false;
  return op === 'and' || op === 'or' || op === 'not' ? values.every(readsOnlyTimes) : true;
}

/**
 * Which job lists a constraint can match (job-list's state_match.c): a bit mask over
 * PENDING 14, RUNNING 48 and INACTIVE 64; lists outside it are not scanned (no comparisons).
 */
export function constraintScope(constraint: unknown): number {
  const ALL = JOB_STATE_MASKS.ALL;
  if (constraint === null || typeof constraint !== 'object' || Array.isArray(constraint)) return ALL;
  const [entry] = Object.entries(constraint);
  if (!entry || !Array.isArray(entry[1])) return ALL;
  const [op, values] = entry as [string, unknown[]];
  switch (op) {
    case 'states':
      return values.reduce<number>(
        (m, v) => m | (typeof v === 'string' ? (STATE_NAMES.get(v) ?? 0) : isJsonInteger(v) ? Number(v) : 0),
        0,
      );
    case 'results':
      return JOB_STATE_BITS.INACTIVE;
    case 'and':
      return values.reduce<number>((m, v) => m & constraintScope(v), ALL);
    case 'or':
      return values.length === 0 ? ALL : values.reduce<number>((m, v) => m | constraintScope(v), 0);
    default:
      return ALL;
  }
}
