import type { FluxJobQuery, TimeWindow } from './flux-datasource';
import type { FluxJob } from './flux-job';
import { decodeHostlist } from './hostlist';
import { JOB_RESULT_BITS, JOB_STATE_BITS } from './job-state';

/** An RFC 43 constraint: one operator mapped to its values (`{}` matches every job). */
export type JobConstraint = { [operator: string]: Array<JobConstraint | string | number> };

/** `{"and":[…]}`. */
export const and = (...terms: JobConstraint[]): JobConstraint => ({ and: terms });
/** `{"or":[…]}`. */
export const or = (...terms: JobConstraint[]): JobConstraint => ({ or: terms });
/** `{"not":[…]}`: true when not all of `terms` hold. */
export const not = (...terms: JobConstraint[]): JobConstraint => ({ not: terms });

function mask<T extends string>(bits: Readonly<Record<T, number>>, names: readonly T[]): number {
  return names.reduce((m, name) => m | bits[name], 0);
}

function timeTerms(attr: string, window: TimeWindow | undefined): JobConstraint[] {
  const terms: JobConstraint[] = [];
  if (window?.from !== undefined) terms.push({ [attr]: [`>=${Math.max(0, window.from)}`] });
  if (window?.to !== undefined) terms.push({ [attr]: [`<${Math.max(0, window.to)}`] });
  return terms;
}

/**
 * The RFC 43 constraint of a {@link FluxJobQuery}: an `and` of one term per given filter (states and
 * results as one bit mask each, `userid`, `name`, `queue`, `hostlist` lists, `t_submit`/`t_inactive` bounds as
 * `>=from` and `<to`). Banks and projects have no operator; the caller filters them (see
 * {@link matchesClientSide}). An empty list matches nothing, as job-list does.
 */
export function buildJobConstraint(query: FluxJobQuery): JobConstraint {
  const terms: JobConstraint[] = [];
  if (query.states) terms.push({ states: [mask(JOB_STATE_BITS, query.states)] });
  if (query.results) terms.push({ results: [mask(JOB_RESULT_BITS, query.results)] });
  if (query.userIds) terms.push({ userid: query.userIds });
  if (query.names) terms.push({ name: query.names });
  if (query.queues) terms.push({ queue: query.queues });
  if (query.hostlists) terms.push({ hostlist: query.hostlists });
  terms.push(...timeTerms('t_submit', query.submitted), ...timeTerms('t_inactive', query.inactive));
  return and(...terms);
}

/** True when `job` passes the filters job-list cannot apply (bank, project). */
export function matchesClientSide(query: FluxJobQuery, job: { bank?: string; project?: string }): boolean {
  if (query.banks && (job.bank === undefined || !query.banks.includes(job.bank))) return false;
  if (query.projects && (job.project === undefined || !query.projects.includes(job.project))) return false;
  return true;
}

const within = (t: number | undefined, window: TimeWindow | undefined): boolean =>
  !window ||
  (t !== undefined && (window.from === undefined || t >= window.from) && (window.to === undefined || t < window.to));

/** True when `nodelist` (a job's RFC 29 hostlist) holds a host of any of `hostlists`, as job-list's `hostlist` operator. */
function ranOn(hostlists: readonly string[], nodelist: string | undefined): boolean {
  if (nodelist === undefined) return false;
  const hosts = new Set(decodeHostlist(nodelist));
  return hostlists.some((list) => decodeHostlist(list)?.some((host) => hosts.has(host)));
}

/**
 * True when `job` matches every filter of `query`, evaluated here as job-list would (for jobs the
 * gateway already holds, e.g. from the events journal): states, results (inactive jobs only),
 * users, names, queues, hosts, banks, projects, submit and inactive windows.
 */
export function matchesJobQuery(query: FluxJobQuery, job: FluxJob): boolean {
  if (query.states && !query.states.includes(job.state)) return false;
  if (query.results && (job.result === undefined || !query.results.includes(job.result))) return false;
  if (query.userIds && !query.userIds.includes(job.userId)) return false;
  if (query.names && (job.name === undefined || !query.names.includes(job.name))) return false;
  if (query.queues && (job.queue === undefined || !query.queues.includes(job.queue))) return false;
  if (query.hostlists && !ranOn(query.hostlists, job.nodelist)) return false;
  if (query.inactive && job.state !== 'INACTIVE') return false;
  return within(job.tSubmit, query.submitted) && within(job.tInactive, query.inactive) && matchesClientSide(query, job);
}

/** True when the query needs client-side filtering (so `max_entries` cannot go to the broker). */
export function hasClientSideFilters(query: FluxJobQuery): boolean {
  return query.banks !== undefined || query.projects !== undefined;
}
