import type { InMemoryField } from '../aggregation/in-memory-aggregation';
import type { FluxJob } from './flux-job';
import { decodeHostlist } from './hostlist';
import { jobQueuedSeconds, jobRuntime, jobStatus } from './job-derived';

/** A job of a FLUX aggregation and the time it is read at (epoch s, for runtimes of running jobs). */
export interface FluxAggregationDoc {
  job: FluxJob;
  now: number;
  /** The cluster the job was listed from. */
  cluster: string;
}

/** A field `jobAggregations(source: FLUX)` can read: how, and the job-list attributes it needs. */
export interface FluxAggregationField extends InMemoryField<FluxAggregationDoc> {
  /** job-list attributes to ask for (beyond id, userid, urgency, state and t_submit, always asked). */
  attrs: readonly string[];
}

const ms = (seconds: number | undefined): number | undefined =>
  seconds === undefined || seconds === 0 ? undefined : Math.round(seconds * 1000);

const keyword = (attrs: readonly string[], value: (job: FluxJob) => string | readonly string[] | undefined) =>
  ({ kind: 'keyword', attrs, value: (doc: FluxAggregationDoc) => value(doc.job) }) satisfies FluxAggregationField;

const numeric = (attrs: readonly string[], value: (doc: FluxAggregationDoc) => number | undefined) =>
  ({ kind: 'numeric', attrs, value }) satisfies FluxAggregationField;

const date = (attr: string, value: (job: FluxJob) => number | undefined) =>
  ({
    kind: 'date',
    attrs: [attr],
    value: (doc: FluxAggregationDoc) => ms(value(doc.job)),
  }) satisfies FluxAggregationField;

/**
 * The fields of the FLUX source by their raw names (the `rawField` form): job-list attribute
 * names, plus what flux-core's Python `JobInfo` derives (`status`, `runtime`) and `queued`,
 * `username` (the submitter's name, resolved after the listing), `host` (each host of
 * `nodelist`) and `cluster` (the configured cluster the job was listed from). Times are epoch ms as in the history index; `duration` 0 (unlimited) is absent.
 */
export const FLUX_AGGREGATION_FIELDS: Readonly<Record<string, FluxAggregationField>> = {
  state: keyword([], (job) => job.state),
  result: keyword(['result'], (job) => job.result),
  status: keyword(['result'], (job) => jobStatus(job) || undefined),
  username: { kind: 'keyword', attrs: [], value: (doc) => doc.job.userId },
  userid: numeric([], (doc) => doc.job.userId),
  name: keyword(['name'], (job) => job.name),
  cluster: { kind: 'keyword', attrs: [], value: (doc) => doc.cluster },
  queue: keyword(['queue'], (job) => job.queue),
  bank: keyword(['bank'], (job) => job.bank),
  project: keyword(['project'], (job) => job.project),
  host: keyword(['nodelist'], (job) => (job.nodelist ? decodeHostlist(job.nodelist) : undefined)),
  t_submit: date('t_submit', (job) => job.tSubmit),
  t_run: date('t_run', (job) => job.tRun),
  t_cleanup: date('t_cleanup', (job) => job.tCleanup),
  t_inactive: date('t_inactive', (job) => job.tInactive),
  expiration: date('expiration', (job) => job.expiration),
  runtime: numeric(['t_run', 't_cleanup'], (doc) =>
    doc.job.tRun === undefined ? undefined : jobRuntime(doc.job, doc.now),
  ),
  queued: numeric(['t_run'], (doc) => jobQueuedSeconds(doc.job, doc.now)),
  duration: numeric(['duration'], (doc) => (doc.job.duration ? doc.job.duration : undefined)),
  nnodes: numeric(['nnodes'], (doc) => doc.job.nnodes),
  ncores: numeric(['ncores'], (doc) => doc.job.ncores),
  ntasks: numeric(['ntasks'], (doc) => doc.job.ntasks),
  urgency: numeric([], (doc) => doc.job.urgency),
  priority: numeric(['priority'], (doc) => doc.job.priority),
};
