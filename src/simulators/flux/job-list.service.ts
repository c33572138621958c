import { ERRNO } from '../../datasources/flux/errno';
import type { FluxJob } from '../../datasources/flux/flux-job';
import { JOB_STATE_BITS, JOB_STATE_MASKS } from '../../datasources/flux/job-state';
import { encodeTextPayload } from '../../datasources/flux/flux-payload';
import { fromWireId } from '../../datasources/flux/wire-id';
import {
  ComparisonBudgetError,
  compileConstraint,
  constraintScope,
  ConstraintError,
  readsOnlyTimes,
} from './constraint';
import type { ComparisonCounter, JobMatcher } from './constraint';
import { janssonDump } from './jansson-json';
import { formatJobEntry, invalidAttrsReason, LIST_ATTRS } from './job-attrs';
import { unpackBigInt, unpackInt, unpackNumber, unpackString, unpackValue, UnpackError } from './request-unpack';
import { END_OF_STREAM, fail, ok, storeChanges } from './sim-service';
import type { SimCall, SimReply, SimResult } from './sim-service';
import { jobStatsJson } from './job-stats';

/** errnum of "Excessive comparisons" (contract §11.2: unknown upstream; defined here). */
export const COMPARISON_BUDGET_ERRNO = ERRNO.EOVERFLOW;

const USERID_ANY = 4294967295;

interface ListArgs {
  maxEntries: number;
  attrs: unknown;
  since: number;
  constraint: unknown;
}

function unpackList(p: Record<string, unknown>): ListArgs {
  const args: ListArgs = {
    maxEntries: unpackInt(p, 'max_entries', true),
    attrs: unpackValue(p, 'attrs', true),
    since: unpackNumber(p, 'since') ?? 0,
    constraint: unpackValue(p, 'constraint', false),
  };
  if (args.constraint === undefined) {
    try {
      args.constraint = legacyConstraint(p, args);
    } catch (err) {
      if (!(err instanceof UnpackError)) throw err;
    }
  }
  return args;
}

/** The pre-RFC 43 form (fixture 04): userid, states and results all present, as an `and`. */
function legacyConstraint(p: Record<string, unknown>, args: ListArgs): unknown {
  const userid = unpackInt(p, 'userid', true) >>> 0;
  const states = unpackInt(p, 'states', true);
  const results = unpackInt(p, 'results', true);
  const since = unpackNumber(p, 'since');
  const name = unpackString(p, 'name', false);
  const queue = unpackString(p, 'queue', false);
  const and: unknown[] = [];
  if (userid !== USERID_ANY) and.push({ userid: [userid] });
  if (name !== undefined) and.push({ name: [name] });
  if (queue !== undefined) and.push({ queue: [queue] });
  if (states) and.push({ states: [states] });
  if (results) and.push({ results: [results] });
  args.since = since ?? 0;
  return { and };
}

function visible(call: SimCall, job: FluxJob): boolean {
  return visibleToAll(call) || job.userId === call.caller.uid;
}

function collect(call: SimCall, args: ListArgs, match: JobMatcher): FluxJob[] {
  const scope = constraintScope(args.constraint);
  const counter: ComparisonCounter = { count: 0, limit: call.settings.maxComparisons };
  const lists = call.store.lists();
  const out: FluxJob[] = [];
  const scan = (jobs: readonly FluxJob[], since: number): boolean => {
    for (const job of jobs) {
      if (job.tInactive !== undefined && job.tInactive <= since) break;
      if (!visible(call, job) || !match(job, counter)) continue;
      out.push(job);
      if (out.length === args.maxEntries) return true;
    }
    return false;
  };
  if (scope & JOB_STATE_MASKS.PENDING && scan(lists.pending, 0)) return out;
  if (scope & (JOB_STATE_BITS.RUN | JOB_STATE_BITS.CLEANUP) && scan(lists.running, 0)) return out;
  if (!(scope & JOB_STATE_BITS.INACTIVE)) return out;
  if (visibleToAll(call) && readsOnlyTimes(args.constraint))
    scanInactiveTimes(lists.inactive, args.since, match, counter, out, args.maxEntries);
  else scan(lists.inactive, args.since);
  return out;
}

/** Whether the caller sees every job (no per-job userid check). */
function visibleToAll(call: SimCall): boolean {
  return call.caller.owner || !call.settings.privateMode;
}

/** `t_submit` and `t_inactive` of a sorted inactive list's jobs, same order (NaN for none). */
interface InactiveTimes {
  tSubmit: Float64Array;
  tInactive: Float64Array;
}

/** Columns per sorted inactive list (the store makes a new list on every change): built on a listing's first scan. */
const INACTIVE_TIMES = new WeakMap<readonly FluxJob[], InactiveTimes>();

function inactiveTimes(jobs: readonly FluxJob[]): InactiveTimes {
  let times = INACTIVE_TIMES.get(jobs);
  if (times === undefined) {
    times = { tSubmit: new Float64Array(jobs.length), tInactive: new Float64Array(jobs.length) };
    for (let i = 0; i < jobs.length; i++) {
      const job = jobs[i] as FluxJob;
      times.tSubmit[i] = job.tSubmit;
      times.tInactive[i] = job.tInactive ?? NaN;
    }
    INACTIVE_TIMES.set(jobs, times);
  }
  return times;
}

/**
 * collect()'s scan of the inactive jobs above `since` for a caller who sees every job and a
 * constraint that reads only `t_submit` and `t_inactive` ({@link readsOnlyTimes}): the times are
 * read from columns kept per sorted list, and the matcher is given one stand-in (a copy of the
 * first inactive job) holding each job's two times, so it answers and counts comparisons as for
 * the job itself; only matched jobs are read. The scan of a page's listing went through up to
 * ~2,700 cold job objects and their number boxes while the gateway waited for it.
 */
function scanInactiveTimes(
  jobs: readonly FluxJob[],
  since: number,
  match: JobMatcher,
  counter: ComparisonCounter,
  out: FluxJob[],
  maxEntries: number,
): void {
  if (jobs.length === 0) return;
  const { tSubmit, tInactive } = inactiveTimes(jobs);
  const row: FluxJob = { ...(jobs[0] as FluxJob), state: 'INACTIVE' };
  for (let i = 0; i < jobs.length; i++) {
    const t = tInactive[i] as number;
    // NaN (no t_inactive) compares false: not the end, as `job.tInactive !== undefined && …` in scan().
    if (t <= since) return;
    row.tSubmit = tSubmit[i] as number;
    row.tInactive = Number.isNaN(t) ? undefined : t;
    if (!match(row, counter)) continue;
    out.push(jobs[i] as FluxJob);
    if (out.length === maxEntries) return;
  }
}

/**
 * Streamed `{"jobs":[entry]}` payload frames by job view, for the attribute list the job was last
 * listed with: views are replaced on every change, so a frame never outlives what it shows.
 */
const FRAMES = new WeakMap<FluxJob, { attrs: string; frame: Uint8Array }>();

function streamedFrame(job: FluxJob, attrs: string[], attrsKey: string): SimReply {
  const cached = FRAMES.get(job);
  if (cached?.attrs === attrsKey) return { frame: cached.frame };
  const frame = encodeTextPayload(`{"jobs":[${formatJobEntry(job, attrs)}]}`);
  FRAMES.set(job, { attrs: attrsKey, frame });
  return { frame };
}

/** The last attribute list's key, kept so that frames cached for it compare by reference. */
let lastAttrsKey = '';

/**
 * The key of an attribute list (names passed invalidAttrsReason: known names or `all`, none with a
 * comma), the same string object as the last listing's when equal: a cached frame's key is then
 * checked without reading a cold copy of it per listed job.
 */
function attrsKeyOf(attrs: string[]): string {
  const key = attrs.join(',');
  if (key !== lastAttrsKey) lastAttrsKey = key;
  return lastAttrsKey;
}

function* streamJobs(jobs: readonly FluxJob[], attrs: string[]): Generator<SimReply> {
  const attrsKey = attrsKeyOf(attrs);
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i] as FluxJob;
    yield i === 0 ? ok(`{"jobs":[${formatJobEntry(job, attrs)}],"version":1}`) : streamedFrame(job, attrs, attrsKey);
  }
  yield END_OF_STREAM;
}

/** `job-list.list` (contract §4.1): validation and errors of list.c, order, since, max_entries. */
export function listJobs(call: SimCall): SimResult {
  let args: ListArgs;
  let match: JobMatcher;
  try {
    args = unpackList(call.payload);
    if (args.maxEntries < 0) return [fail(ERRNO.EPROTO, 'invalid payload: max_entries < 0 not allowed')];
    if (args.since < 0) return [fail(ERRNO.EPROTO, 'invalid payload: since < 0.0 not allowed')];
    if (!Array.isArray(args.attrs)) return [fail(ERRNO.EPROTO, 'invalid payload: attrs must be an array')];
    match = compileConstraint(args.constraint);
  } catch (err) {
    if (err instanceof UnpackError) return [fail(ERRNO.EPROTO, `invalid payload: ${err.message}`)];
    if (err instanceof ConstraintError)
      return [fail(ERRNO.EPROTO, `invalid payload: constraint object invalid: ${err.message}`)];
    throw err;
  }
  let jobs: FluxJob[];
  try {
    jobs = collect(call, args, match);
  } catch (err) {
    if (err instanceof ComparisonBudgetError) return [fail(COMPARISON_BUDGET_ERRNO, err.message)];
    throw err;
  }
  const attrs = args.attrs as unknown[];
  const invalid = jobs.length > 0 ? invalidAttrsReason(attrs) : undefined;
  if (invalid !== undefined) return [fail(ERRNO.EINVAL, invalid)];
  if (call.streaming && !call.settings.preV082) return streamJobs(jobs, attrs as string[]);
  return [ok(`{"jobs":[${jobs.map((j) => formatJobEntry(j, attrs as string[])).join(',')}]}`)];
}

function statesMask(job: FluxJob): number {
  let mask = JOB_STATE_BITS.NEW | JOB_STATE_BITS[job.state];
  if (job.tDepend !== undefined) mask |= JOB_STATE_BITS.DEPEND;
  if (job.tPriority !== undefined) mask |= JOB_STATE_BITS.PRIORITY;
  if (job.tSched !== undefined) mask |= JOB_STATE_BITS.SCHED;
  if (job.tRun !== undefined) mask |= JOB_STATE_BITS.RUN;
  if (job.tCleanup !== undefined) mask |= JOB_STATE_BITS.CLEANUP;
  return mask;
}

function jobReply(job: FluxJob, attrs: unknown[]): SimReply {
  const invalid = invalidAttrsReason(attrs);
  return invalid === undefined ? ok(`{"job":${formatJobEntry(job, attrs as string[])}}`) : fail(ERRNO.EINVAL, invalid);
}

async function* waitForState(call: SimCall, id: bigint, state: number, attrs: unknown[]): AsyncGenerator<SimReply> {
  for await (const changed of storeChanges(call.store, call.signal)) {
    const job = changed === id ? call.store.get(id)?.job : undefined;
    if (job && (job.state === 'INACTIVE' || statesMask(job) & state)) {
      yield jobReply(job, attrs);
      return;
    }
  }
}

/** `job-list.list-id` (contract §4.2): one job; with `state`, held until the job got there. */
export function listJobById(call: SimCall): SimResult {
  let id: bigint;
  let attrs: unknown;
  let state: number;
  try {
    id = fromWireId(unpackBigInt(call.payload, 'id'));
    attrs = unpackValue(call.payload, 'attrs', true);
    state = unpackInt(call.payload, 'state', false) ?? 0;
  } catch (err) {
    if (err instanceof UnpackError || err instanceof RangeError)
      return [fail(ERRNO.EPROTO, `invalid payload: ${err.message}`)];
    throw err;
  }
  if (!Array.isArray(attrs)) return [fail(ERRNO.EPROTO, 'invalid payload: attrs must be an array')];
  if (state & ~JOB_STATE_MASKS.ALL) return [fail(ERRNO.EPROTO, 'invalid payload: invalid state specified')];
  const job = call.store.get(id)?.job;
  if (!job || !visible(call, job)) return [fail(ERRNO.ENOENT)];
  if (job.state === 'INACTIVE' || state === 0 || statesMask(job) & state) return [jobReply(job, attrs)];
  return waitForState(call, id, state, attrs);
}

/** `job-list.list-attrs` (fixture 01). */
export function listAttrs(): SimResult {
  return [ok(janssonDump({ attrs: LIST_ATTRS }))];
}

async function* statsStream(call: SimCall, first: string): AsyncGenerator<SimReply> {
  yield ok(first);
  let last = first;
  const changes = storeChanges(call.store, call.signal);
  while (!(await changes.next()).done) {
    const next = jobStatsJson(call.store);
    if (next !== last) yield ok(next);
    last = next;
  }
}

/** `job-list.job-stats` (fixture 18); streaming: a reply now and one per change. */
export function jobStats(call: SimCall): SimResult {
  const first = jobStatsJson(call.store);
  return call.streaming ? statsStream(call, first) : [ok(first)];
}
