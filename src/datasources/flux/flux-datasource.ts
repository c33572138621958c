import type { FluxJob, FluxJobInfo, FluxJobInfoKey, FluxJobStats, FluxJobEvent } from './flux-job';
import type { JobResultName, JobStateName } from './job-state';
import type { JournalEntry } from './events-journal';
import type { JobControlOutcome, JobControlRequest } from './job-control';
import type { LookupManyOptions } from './lookup-many';

/** A `t_*` comparison for job-list constraints, in epoch seconds. */
export interface TimeWindow {
  /** Jobs with the timestamp >= this. */
  from?: number;
  /** Jobs with the timestamp < this. */
  to?: number;
}

/** What the gateway asks of job-list; translated into an RFC 43 constraint by the datasource. */
export interface FluxJobQuery {
  states?: JobStateName[];
  results?: JobResultName[];
  userIds?: number[];
  names?: string[];
  queues?: string[];
  /** RFC 29 hostlists: jobs whose nodelist holds any of their hosts (job-list's `hostlist` operator). */
  hostlists?: string[];
  /** Filtered client-side (job-list has no bank/project operator). */
  banks?: string[];
  projects?: string[];
  submitted?: TimeWindow;
  inactive?: TimeWindow;
  /** Inactive jobs must have `t_inactive > since`. */
  since?: number;
  /** 0 or absent = unlimited. */
  maxEntries?: number;
  /** job-list attributes to ask for; default `["all"]`. The mapper needs `userid`, `urgency`, `state` and `t_submit`. */
  attrs?: readonly string[];
}

/**
 * What `listJobs` answers: the jobs one at a time (`for await`), or — when the datasource offers it — a
 * batch at a time through `batches()`: the same jobs in the same order and the same typed errors, one
 * array per batch of replies that arrived (none empty), so a reader awaits per batch, not per job. Read
 * a listing one way only; leaving `batches()` early (`return`) ends the listing's RPC as leaving the
 * item iterator does.
 */
export interface JobListing extends AsyncIterable<FluxJob> {
  batches?(): AsyncIterableIterator<readonly FluxJob[]>;
}

/** How many jobs match a query, counted up to a cap. */
export interface JobCount {
  /** The exact count when `exact`, else `max + 1` (more than `max` match). */
  count: number;
  exact: boolean;
  /** The cap: `JOBGRAPH_FLUX_COUNT_MAX_JOBS`. */
  max: number;
}

/**
 * What the rest of jobgraph needs from Flux. One process-wide instance per broker; safe for
 * concurrent use (RPCs are pipelined on pooled connections). Every method rejects with a
 * typed JobgraphError carrying `backend: 'flux'` (UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT,
 * UPSTREAM_ERROR, NOT_FOUND, FORBIDDEN).
 */
export interface FluxDatasource {
  /** job-list.list, streamed in broker order (pending, running, inactive); readable by batches (see JobListing). */
  listJobs(query: FluxJobQuery, options?: { signal?: AbortSignal }): JobListing;
  /** How many jobs match `query` (window, filters; not `maxEntries`): one id-only job-list.list, exact up to the cap. */
  countJobs(query: FluxJobQuery, options?: { signal?: AbortSignal }): Promise<JobCount>;
  /** job-list.list-id; null when the broker does not know the id (ENOENT). */
  getJob(id: bigint): Promise<FluxJob | null>;
  /**
   * job-info.lookup with all the keys in one RPC; null when the job is unknown. The lookups asked
   * in one tick (a page's, through the jobInfo loader) share one run of the fault policy; each
   * still gets its own answer or typed error (lookup-batch.ts).
   */
  lookup(id: bigint, keys: FluxJobInfoKey[]): Promise<FluxJobInfo | null>;
  /**
   * job-info.lookup of many jobs, pipelined, in the order of `ids`; null for unknown jobs (see
   * lookupMany: each RPC keeps its deadline, lost connections are retried once, not through the
   * per-call fault policy). `slots` bounds lookups in flight across calls sharing it.
   */
  lookupMany(
    ids: readonly bigint[],
    keys: readonly FluxJobInfoKey[],
    options?: LookupManyOptions,
  ): Promise<Array<FluxJobInfo | null>>;
  /** job-list.job-stats. */
  jobStats(): Promise<FluxJobStats>;
  /**
   * job-manager.raise / job-manager.urgency for many jobs, pipelined, never retried; one outcome
   * per request in order, each settled on its own (see controlJobs). The broker applies its rules
   * for the gateway's own user: callers' rules are the gateway's to enforce before calling.
   */
  controlJobs(requests: readonly JobControlRequest[]): Promise<JobControlOutcome[]>;
  /** job-info.eventlog-watch: existing events then appends; ends after `clean`, or when aborted. */
  watchEventlog(id: bigint, options?: { signal?: AbortSignal }): AsyncIterable<FluxJobEvent>;
  /**
   * attr.get of one broker attribute (contract flux.md §4.8); null when the broker has no such
   * attribute (ENOENT). Optional: stand-ins without it leave a cluster named `default`.
   */
  brokerAttr?(name: string): Promise<string | null>;
  /** job-info.lookup of `guest.output`: the output eventlog's events; null for a job that never ran or is unknown. */
  jobOutput(id: bigint): Promise<FluxJobEvent[] | null>;
  /** job-info.eventlog-watch of `guest.output` (WAITCREATE): output events as written; ends after the last `eof`. */
  watchOutput(id: bigint, options?: { signal?: AbortSignal }): AsyncIterable<FluxJobEvent>;
  /** job-manager.events-journal (owner only): backlog, `'sentinel'`, then every job's events live, until aborted. */
  eventsJournal(options?: { signal?: AbortSignal }): AsyncIterable<JournalEntry | 'sentinel'>;
  /** Cheap reachability check for /readyz (attr.get of `size`). */
  ping(): Promise<void>;
  /** Counts of RPCs sent since start, by topic (for logs, tests and the benchmark). */
  rpcCounts(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}
