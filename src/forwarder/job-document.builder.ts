import type { FluxJob, FluxJobEvent, FluxJobInfo } from '../datasources/flux/flux-job';
import { jobIdForms } from '../datasources/flux/job-id';
import type { JobDocument, JobDocumentEvent } from '../datasources/elastic/job-document';
import { decodeHostlist } from '../datasources/flux/hostlist';
import { withoutUndefined } from '../datasources/elastic/without-undefined';
import { jobReturnCode } from '../datasources/flux/job-derived';
import { elogRunFieldsOfJob } from '../datasources/elog/elog-job-link';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';

/** Elasticsearch refuses more than 10,000 nested documents per job; keep the first 999 events and the last. */
export const MAX_FORWARDED_EVENTS = 1000;

/** What a document needs besides the job and its job-info lookup. */
export interface JobDocumentContext {
  /** Flux URI the job was listed from (`source.instance`). */
  instance: string;
  /** The job's cluster (`cluster`, docs/clusters.md); absent: a document of the shape before clusters. */
  cluster?: string;
  /** Environment variables of J copied into `environment` (an allow-list). */
  environment: readonly string[];
  /** Resolved user name of `job.userId`, when known. */
  userName?: string;
  /** Time of forwarding, epoch ms. */
  now: number;
  /** User-attribute names of the experiment and run (JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE / _RUN_ATTRIBUTE); default `experiment`, `run`. */
  linkKeys?: ElogJobLinkKeys;
}

/** Flux epoch seconds → integer epoch ms; undefined for absent (and for 0 where 0 means "none"). */
function ms(seconds: number | undefined): number | undefined {
  if (seconds === undefined || seconds === 0) return undefined;
  const value = Math.round(seconds * 1000);
  if (!Number.isInteger(value) || value < 1e12) throw new RangeError(`timestamp ${seconds} is not Flux epoch seconds`);
  return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function events(eventlog: FluxJobEvent[] | undefined): {
  eventlog?: JobDocumentEvent[];
  eventNames?: string[];
  eventlogTruncated?: boolean;
} {
  if (!eventlog) return {};
  const kept =
    eventlog.length > MAX_FORWARDED_EVENTS
      ? [...eventlog.slice(0, MAX_FORWARDED_EVENTS - 1), eventlog[eventlog.length - 1] as FluxJobEvent]
      : eventlog;
  return {
    eventlog: kept.map((event) => ({
      timestamp: ms(event.timestamp) as number,
      name: event.name,
      ...(event.context ? { context: event.context } : {}),
    })),
    eventNames: [...new Set(eventlog.map((event) => event.name))],
    ...(kept.length < eventlog.length ? { eventlogTruncated: true } : {}),
  };
}

/**
 * The history document of one inactive job (contract elasticsearch.md §2.2): every id form,
 * times as integer epoch ms, durations derived here (the test cluster has no scripts or
 * pipelines), experiment and run from the jobspec's user attributes else from EXPERIMENT /
 * RUN_NUM in J (the rule of `Job.elogRun`, elogRunFieldsOfJob), only allow-listed environment variables, the jobspec without its environment.
 */
export function buildJobDocument(job: FluxJob, info: FluxJobInfo | null, context: JobDocumentContext): JobDocument {
  const forms = jobIdForms(job.id);
  const attributes = record(info?.jobspec?.attributes);
  const userAttributes = record(attributes?.user);
  const environment = record(record(record(info?.J?.attributes)?.system)?.environment) ?? {};
  const allowed = Object.fromEntries(
    context.environment
      .filter((name) => typeof environment[name] === 'string')
      .map((name) => [name, environment[name] as string]),
  );
  const link = elogRunFieldsOfJob(info, context.linkKeys);
  const ran = job.tRun !== undefined;
  const runtime = ran && job.tCleanup !== undefined ? (job.tCleanup as number) - (job.tRun as number) : undefined;
  const system = record(attributes?.system);
  const jobspec =
    info?.jobspec && system?.environment !== undefined
      ? { ...info.jobspec, attributes: { ...attributes, system: { ...system, environment: undefined } } }
      : info?.jobspec;
  return withoutUndefined<JobDocument>({
    id: forms.dec,
    cluster: context.cluster,
    ids: { ...forms, f58plain: `f${forms.f58.slice(1)}` },
    userId: job.userId,
    userName: context.userName,
    urgency: job.urgency,
    priority: job.priority,
    state: job.state,
    result: job.result,
    status: job.result ?? job.state,
    success: job.success,
    name: job.name,
    cwd: job.cwd,
    queue: job.queue,
    bank: job.bank,
    project: job.project,
    experiment: link.experiment,
    run: link.run,
    submittedAt: ms(job.tSubmit) as number,
    dependAt: ms(job.tDepend),
    priorityAt: ms(job.tPriority),
    schedAt: ms(job.tSched),
    startedAt: ms(job.tRun),
    cleanupAt: ms(job.tCleanup),
    inactiveAt: ms(job.tInactive),
    expiresAt: ms(job.expiration),
    forwardedAt: context.now,
    timeLimitSeconds: job.duration ? job.duration : undefined,
    queuedSeconds: ran ? (job.tRun as number) - job.tSubmit : undefined,
    runtimeSeconds: runtime,
    coreSeconds: runtime !== undefined && job.ncores !== undefined ? runtime * job.ncores : undefined,
    ntasks: job.ntasks,
    ncores: job.ncores,
    nnodes: job.nnodes,
    ranks: job.ranks,
    nodelist: job.nodelist,
    nodes: job.nodelist ? decodeHostlist(job.nodelist) : undefined,
    waitStatus: job.waitStatus,
    exitCode: jobReturnCode(job),
    exception: job.exception ? withoutUndefined({ ...job.exception }) : undefined,
    annotations: job.annotations,
    dependencies: job.dependencies,
    userAttributes,
    environment: Object.keys(allowed).length > 0 ? allowed : undefined,
    jobspec,
    ...events(info?.eventlog),
    source: { instance: context.instance },
  });
}
