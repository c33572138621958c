import { bulkhead } from 'cockatiel';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import { readForwarderState, writeForwarderState } from '../datasources/elastic/forwarder-state.store';
import type { VersionedForwarderState } from '../datasources/elastic/forwarder-state.store';
import { relaxRefreshForBackfill } from '../datasources/elastic/refresh-relax';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import { InFlightLimiter } from '../datasources/flux/in-flight-limiter';
import { batchDocuments } from './batch-documents';
import type { ForwardProgressListener } from './forward-progress';
import { StoredPrefix } from './stored-prefix';
import type { InactiveJob } from './stored-prefix';

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
  /** Relax the index refresh (see relaxRefreshForBackfill) when a pass has at least this many jobs. Default 20 batches; 0 = never. */
  backfillThreshold?: number;
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

const byInactiveThenId = (a: InactiveJob, b: InactiveJob): number => a.tInactive - b.tInactive || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * One pass: lists inactive jobs with `t_inactive` after the watermark and stores them in
 * batches: lookups pipelined on the Flux connections (bounded across batches), up to
 * `bulksInFlight` bulks at once. While the listing still streams in (newest first), full
 * batches of what arrived are already stored when the pipeline has room; the rest follows
 * oldest first. The watermark in Elasticsearch only ever covers the longest run of stored jobs
 * from the oldest on (see StoredPrefix), so a pass killed at any instant leaves a watermark at
 * or below what is stored; the next pass re-sends the rest by id, which replaces documents
 * instead of duplicating them.
 */
export async function forwardJobs(options: ForwardJobsOptions): Promise<ForwardReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const { flux, elastic, signal } = options;
  const batchSize = options.batchSize ?? 1000;
  const bulksInFlight = options.bulksInFlight ?? 2;
  const backfillThreshold = options.backfillThreshold ?? 20 * batchSize;
  let current: VersionedForwarderState = await readForwarderState(elastic.client, elastic.stateIndex, options.instance);
  const previousSince = current.state.since;
  const context = {
    flux,
    lookups: new InFlightLimiter(options.lookupConcurrency ?? 256),
    instance: options.instance,
    environment: options.environment ?? ['EXPERIMENT', 'RUN_NUM'],
    now,
    ...(options.linkKeys ? { linkKeys: options.linkKeys } : {}),
    ...(options.resolveUserNames ? { resolveUserNames: options.resolveUserNames } : {}),
    ...(signal ? { signal } : {}),
  };
  const bulks = bulkhead(bulksInFlight, Infinity);
  const prefix = new StoredPrefix();
  const listed: InactiveJob[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let commitChain: Promise<void> = Promise.resolve();
  const report = (): ForwardReport => {
    const elapsedMs = Math.max(1, now() - started);
    const forwarded = prefix.storedCount;
    return { forwarded, since: current.state.since, previousSince, elapsedMs, jobsPerSecond: (forwarded * 1000) / elapsedMs };
  };
  const progress = () => {
    const { forwarded, since, jobsPerSecond, elapsedMs } = report();
    options.onProgress?.({ listed: listed.length, forwarded, since, jobsPerSecond, elapsedMs });
  };
  const commit = async () => {
    const step = prefix.advance(current.state.since);
    if (!step) return;
    current = await writeForwarderState(elastic.client, elastic.stateIndex, current, {
      instance: options.instance,
      since: step.since,
      lastJobId: step.last.id.toString(),
      jobsForwarded: current.state.jobsForwarded + step.covered,
    });
  };
  const dispatch = (jobs: InactiveJob[]) => {
    const task: Promise<void> = (async () => {
      const items = await batchDocuments(jobs, context);
      await bulks.execute(() => elastic.indexJobs(items, signal ? { signal } : {}), signal);
      prefix.markStored(jobs);
      commitChain = commitChain.then(commit);
      await commitChain;
      progress();
    })().then(
      () => { inFlight.delete(task); },
      (error: unknown) => { inFlight.delete(task); failure ??= error; },
    );
    inFlight.add(task);
  };
  // Batches waiting for lookups or a bulk slot beyond those in flight: enough to keep both busy.
  const pipelineDepth = bulksInFlight + 2;

  const sent = new Set<bigint>();
  let restore: (() => Promise<void>) | undefined;
  let relaxed = false;
  try {
    let early: InactiveJob[] = [];
    for await (const job of flux.listJobs({ states: ['INACTIVE'], since: options.since ?? previousSince }, signal ? { signal } : {})) {
      if (job.tInactive === undefined) continue;
      // Listed even after a failure: the watermark must be computed over the whole listing.
      listed.push(job as InactiveJob);
      // As soon as the pass is known to be a backfill: the batches stored while listing count too.
      if (!relaxed && backfillThreshold > 0 && listed.length >= backfillThreshold) {
        relaxed = true;
        restore = await relaxRefreshForBackfill(elastic.client, elastic.index);
      }
      if (failure !== undefined) continue;
      early.push(job as InactiveJob);
      if (early.length < batchSize) continue;
      if (inFlight.size < pipelineDepth) {
        for (const sentJob of early) sent.add(sentJob.id);
        dispatch(early);
      }
      early = [];
    }
    listed.sort(byInactiveThenId);
    prefix.seal(listed);
    const rest = sent.size > 0 ? listed.filter((job) => !sent.has(job.id)) : listed;
    for (let offset = 0; offset < rest.length && failure === undefined; offset += batchSize) {
      signal?.throwIfAborted();
      while (inFlight.size >= pipelineDepth) await Promise.race(inFlight);
      dispatch(rest.slice(offset, offset + batchSize));
    }
  } finally {
    await Promise.all(inFlight);
    // Jobs stored during the listing are covered once the prefix reaches them.
    commitChain = commitChain.then(commit);
    await commitChain.catch((error: unknown) => { failure ??= error; });
    await restore?.();
  }
  if (failure !== undefined) throw failure;
  return report();
}
