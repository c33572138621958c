import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import type { BulkItem } from '../datasources/elastic/bulk-writer';
import type { JobDocument } from '../datasources/elastic/job-document';
import { readForwarderState, writeForwarderState } from '../datasources/elastic/forwarder-state.store';
import type { VersionedForwarderState } from '../datasources/elastic/forwarder-state.store';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { FluxJob, FluxJobInfo } from '../datasources/flux/flux-job';
import { buildJobDocument } from './job-document.builder';
import type { ForwardProgressListener } from './forward-progress';
import { watermarkAfter } from './watermark';

/** Everything one forwarding pass uses; side effects injected. */
export interface ForwardJobsOptions {
  flux: FluxDatasource;
  elastic: ElasticDatasource;
  /** Watermark document id and `source.instance`, e.g. the FLUX_URI. */
  instance: string;
  /** Jobs per bulk request and watermark step. Default 1000. */
  batchSize?: number;
  /** job-info lookups in flight. Default 256. */
  lookupConcurrency?: number;
  /** Bulk requests in flight. Default 2. */
  bulksInFlight?: number;
  /** Environment variables copied from J. Default EXPERIMENT, RUN_NUM. */
  environment?: readonly string[];
  /** User-attribute names of experiment and run; default `experiment`, `run`. */
  linkKeys?: ElogJobLinkKeys;
  /** uid → user name, one call per batch; names stay absent without it. */
  resolveUserNames?: (uids: readonly number[]) => Promise<ReadonlyMap<number, string>>;
  /** Start after this t_inactive instead of the stored watermark (epoch seconds). */
  since?: number;
  onProgress?: ForwardProgressListener;
  signal?: AbortSignal;
  /** Epoch ms clock. */
  now?: () => number;
}

/** What a pass did. */
export interface ForwardReport {
  /** Jobs stored in this pass. */
  forwarded: number;
  /** Stored watermark after the pass, Flux epoch seconds. */
  since: number;
  /** Watermark before the pass. */
  previousSince: number;
  elapsedMs: number;
  jobsPerSecond: number;
}

async function lookupAll(flux: FluxDatasource, jobs: readonly FluxJob[], concurrency: number): Promise<Array<FluxJobInfo | null>> {
  const results = new Array<FluxJobInfo | null>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await flux.lookup((jobs[index] as FluxJob).id, ['eventlog', 'jobspec', 'J']);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return results;
}

/**
 * One pass: lists inactive jobs with `t_inactive` after the watermark, stores them oldest first
 * in batches (lookups pipelined on the Flux connection, up to `bulksInFlight` bulks at once),
 * and advances the watermark in Elasticsearch only over a prefix of fully stored batches. A pass
 * killed at any instant leaves a watermark at or below what is stored; the next pass re-sends
 * the rest by id, which replaces documents instead of duplicating them.
 */
export async function forwardJobs(options: ForwardJobsOptions): Promise<ForwardReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const { flux, elastic } = options;
  let current: VersionedForwarderState = await readForwarderState(elastic.client, elastic.stateIndex, options.instance);
  const previousSince = current.state.since;
  const since = options.since ?? previousSince;
  const jobs: FluxJob[] = [];
  for await (const job of flux.listJobs({ states: ['INACTIVE'], since }, options.signal ? { signal: options.signal } : {})) {
    if (job.tInactive !== undefined) jobs.push(job);
  }
  jobs.sort((a, b) => (a.tInactive as number) - (b.tInactive as number) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const timed = jobs as Array<FluxJob & { tInactive: number }>;
  const batchSize = options.batchSize ?? 1000;
  const batchCount = Math.ceil(jobs.length / batchSize);
  const done = new Array<boolean>(batchCount).fill(false);
  let committedBatches = 0;
  let forwarded = 0;
  let commitChain: Promise<void> = Promise.resolve();
  const report = (): ForwardReport => {
    const elapsedMs = Math.max(1, now() - started);
    return { forwarded, since: current.state.since, previousSince, elapsedMs, jobsPerSecond: (forwarded * 1000) / elapsedMs };
  };

  const commit = async () => {
    const before = committedBatches;
    while (committedBatches < batchCount && done[committedBatches]) committedBatches += 1;
    if (committedBatches === before) return;
    const stored = Math.min(jobs.length, committedBatches * batchSize);
    const watermark = watermarkAfter(timed, stored, current.state.since);
    const last = jobs[stored - 1] as FluxJob;
    current = await writeForwarderState(elastic.client, elastic.stateIndex, current, {
      instance: options.instance,
      since: watermark,
      lastJobId: last.id.toString(),
      jobsForwarded: current.state.jobsForwarded + (stored - (before * batchSize)),
    });
    const progress = report();
    options.onProgress?.({ listed: jobs.length, forwarded: progress.forwarded, since: progress.since, jobsPerSecond: progress.jobsPerSecond, elapsedMs: progress.elapsedMs });
  };

  const store = async (index: number, items: Array<BulkItem<JobDocument>>) => {
    await elastic.indexJobs(items, options.signal ? { signal: options.signal } : {});
    forwarded += items.length;
    done[index] = true;
    commitChain = commitChain.then(commit);
    await commitChain;
  };

  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  for (let index = 0; index < batchCount && failure === undefined; index += 1) {
    options.signal?.throwIfAborted();
    const batch = jobs.slice(index * batchSize, (index + 1) * batchSize);
    const [infos, names] = await Promise.all([
      lookupAll(flux, batch, options.lookupConcurrency ?? 256),
      options.resolveUserNames ? options.resolveUserNames([...new Set(batch.map((job) => job.userId))]) : Promise.resolve(new Map<number, string>()),
    ]);
    const forwardedAt = now();
    const items = batch.map((job, i) => {
      const userName = names.get(job.userId);
      const document = buildJobDocument(job, infos[i] ?? null, { instance: options.instance, environment: options.environment ?? ['EXPERIMENT', 'RUN_NUM'], now: forwardedAt, ...(options.linkKeys ? { linkKeys: options.linkKeys } : {}), ...(userName !== undefined ? { userName } : {}) });
      return { id: document.id, document };
    });
    while (inFlight.size >= (options.bulksInFlight ?? 2)) await Promise.race(inFlight);
    const task: Promise<void> = store(index, items).then(
      () => { inFlight.delete(task); },
      (error: unknown) => { inFlight.delete(task); failure ??= error; },
    );
    inFlight.add(task);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  return report();
}
