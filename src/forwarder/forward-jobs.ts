import { bulkhead } from 'cockatiel';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import { readForwarderState } from '../datasources/elastic/forwarder-state.store';
import { relaxRefreshForBackfill } from '../datasources/elastic/refresh-relax';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import { InFlightLimiter } from '../datasources/flux/in-flight-limiter';
import { forwardListing } from './forward-listing';
import type { ForwardListingContext } from './forward-listing';
import type { ForwardProgressListener } from './forward-progress';

/** Everything one forwarding pass uses; side effects injected. */
export interface ForwardJobsOptions {
  flux: FluxDatasource;
  elastic: ElasticDatasource;
  /** The Flux cluster: its watermark document's id, each document's `cluster` and `_id` prefix (docs/clusters.md). */
  cluster: string;
  /**
   * The cluster's Flux URI: each document's `source.instance`, and the id of a watermark written
   * before clusters existed, taken over when the cluster has none of its own. Default: none.
   */
  uri?: string;
  /** Jobs per bulk request and watermark step. Default 1000. */
  batchSize?: number;
  /** job-info lookups in flight. Default 256. */
  lookupConcurrency?: number;
  /** Bulk requests in flight. Default 2. */
  bulksInFlight?: number;
  /** Relax the index refresh (see relaxRefreshForBackfill) when a pass has at least this many jobs. Default 20 batches; 0 = never. */
  backfillThreshold?: number;
  /** Jobs one listing keeps in memory (see ListingWindow); more are forwarded by further listings, oldest first. Default 100,000. */
  windowJobs?: number;
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

/**
 * One pass: stores the inactive jobs with `t_inactive` after the watermark (or `since`), oldest
 * first, in listings of at most `windowJobs` jobs (forwardListing): lookups pipelined on the Flux
 * connections (bounded across batches), up to `bulksInFlight` bulks at once. The watermark in
 * Elasticsearch only ever covers the longest run of stored jobs from the oldest on (see
 * StoredPrefix), so a pass killed at any instant leaves a watermark at or below what is stored;
 * the next pass re-sends the rest by id, which replaces documents instead of duplicating them.
 */
export async function forwardJobs(options: ForwardJobsOptions): Promise<ForwardReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const { flux, elastic, signal } = options;
  const batchSize = options.batchSize ?? 1000;
  const bulksInFlight = options.bulksInFlight ?? 2;
  const backfillThreshold = options.backfillThreshold ?? 20 * batchSize;
  const state = { current: await readForwarderState(elastic.client, elastic.stateIndex, options.cluster, options.uri) };
  const previousSince = state.current.state.since;
  let forwarded = 0;
  let total = 0;
  const report = (stored = 0): ForwardReport => {
    const elapsedMs = Math.max(1, now() - started);
    const done = forwarded + stored;
    return {
      forwarded: done,
      since: state.current.state.since,
      previousSince,
      elapsedMs,
      jobsPerSecond: (done * 1000) / elapsedMs,
    };
  };
  let restore: (() => Promise<void>) | undefined;
  let relaxed = false;
  const ctx: ForwardListingContext = {
    elastic,
    documents: {
      flux,
      lookups: new InFlightLimiter(options.lookupConcurrency ?? 256),
      instance: options.uri ?? options.cluster,
      cluster: options.cluster,
      environment: options.environment ?? ['EXPERIMENT', 'RUN_NUM'],
      now,
      ...(options.linkKeys ? { linkKeys: options.linkKeys } : {}),
      ...(options.resolveUserNames ? { resolveUserNames: options.resolveUserNames } : {}),
      ...(signal ? { signal } : {}),
    },
    bulks: bulkhead(bulksInFlight, Infinity),
    instance: options.cluster,
    batchSize,
    // Batches waiting for lookups or a bulk slot beyond those in flight: enough to keep both busy.
    pipelineDepth: bulksInFlight + 2,
    state,
    ...(backfillThreshold > 0 ? { backfillAt: backfillThreshold } : {}),
    // As soon as the pass is known to be a backfill: the batches stored while listing count too.
    onBackfill: async () => {
      if (relaxed) return;
      relaxed = true;
      restore = await relaxRefreshForBackfill(elastic.client, elastic.index);
    },
    onStored: (stored, listed) => {
      const { forwarded: done, since, jobsPerSecond, elapsedMs } = report(stored);
      options.onProgress?.({
        cluster: options.cluster,
        listed: Math.max(total, listed, done),
        forwarded: done,
        since,
        jobsPerSecond,
        elapsedMs,
      });
    },
  };
  let windowJobs = options.windowJobs ?? 100_000;
  let since = options.since ?? previousSince;
  // Jobs the next listing should hold (unknown before the first: stored while listing, as in one window).
  let expected = 0;
  try {
    for (;;) {
      // The newest jobs stored while listing would be left out of a window the listing outgrows.
      const listing = await forwardListing(flux, since, windowJobs, ctx, expected <= windowJobs);
      forwarded += listing.forwarded;
      // The first listing counts every job of the pass; later ones what is left.
      total ||= listing.listed;
      if (!listing.truncated) break;
      // A t_inactive shared by the whole window cannot be passed with it: widen the window.
      if (listing.reached <= since) windowJobs *= 2;
      since = Math.max(since, listing.reached);
      expected = listing.listed - listing.forwarded;
      signal?.throwIfAborted();
    }
  } finally {
    await restore?.();
  }
  return report();
}
