import type { BulkheadPolicy } from 'cockatiel';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import { writeForwarderState } from '../datasources/elastic/forwarder-state.store';
import type { VersionedForwarderState } from '../datasources/elastic/forwarder-state.store';
import { batchDocuments } from './batch-documents';
import type { BatchDocumentsContext } from './batch-documents';
import { ListingWindow } from './listing-window';
import { StoredPrefix } from './stored-prefix';
import type { InactiveJob } from './stored-prefix';
import { watermarkAfter } from './watermark';

/** What one listing of a pass shares with the pass. */
export interface ForwardListingContext {
  elastic: ElasticDatasource;
  documents: BatchDocumentsContext;
  bulks: BulkheadPolicy;
  /** Watermark document id: the cluster's name. */
  instance: string;
  batchSize: number;
  /** Batches being looked up or stored at once. */
  pipelineDepth: number;
  /** The watermark state, read before and replaced after each commit. */
  state: { current: VersionedForwarderState };
  /** Called when the listing reaches `backfillAt` jobs (the pass relaxes the refresh for a backfill). */
  backfillAt?: number;
  onBackfill?: () => Promise<void>;
  /** After each stored batch: jobs of this listing stored so far, jobs listed. */
  onStored?: (stored: number, listed: number) => void;
}

/** What a listing did. */
export interface ForwardListingResult {
  /** Jobs it stored that count for the pass (its window's, or all it stored when nothing was left out). */
  forwarded: number;
  /** Jobs listed. */
  listed: number;
  /** True when newer jobs were left for the next listing. */
  truncated: boolean;
  /** Every listed job with `t_inactive` up to here is stored (the next listing's `since`). */
  reached: number;
}

function countUpTo(sorted: readonly InactiveJob[], length: number, time: number): number {
  let n = 0;
  while (n < length && (sorted[n] as InactiveJob).tInactive <= time) n += 1;
  return n;
}

/**
 * One listing of a pass: lists inactive jobs after `since`, keeps the oldest `windowJobs`
 * (ListingWindow), and stores them in batches, oldest first, committing the watermark over the
 * longest stored prefix (StoredPrefix). While the listing still streams, full batches of the
 * newest jobs are stored when the pipeline has room, unless the listing has outgrown the window
 * (or `storeWhileListing` is false: it is known to outgrow it, and those jobs would be stored twice).
 * When newer jobs were left out, the oldest of them closes the prefix as a never-stored sentinel:
 * the watermark stops below its `t_inactive`, so jobs sharing it are not skipped.
 */
export async function forwardListing(
  flux: BatchDocumentsContext['flux'],
  since: number,
  windowJobs: number,
  ctx: ForwardListingContext,
  storeWhileListing = true,
): Promise<ForwardListingResult> {
  const { elastic, documents, bulks, batchSize, pipelineDepth, state } = ctx;
  const signal = documents.signal;
  const prefix = new StoredPrefix();
  const window = new ListingWindow(windowJobs);
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let commitChain: Promise<void> = Promise.resolve();
  const commit = async () => {
    const step = prefix.advance(state.current.state.since);
    if (!step) return;
    state.current = await writeForwarderState(elastic.client, elastic.stateIndex, state.current, {
      instance: ctx.instance,
      since: step.since,
      lastJobId: step.last.id.toString(),
      jobsForwarded: state.current.state.jobsForwarded + step.covered,
    });
  };
  const dispatch = (jobs: InactiveJob[]) => {
    const task: Promise<void> = (async () => {
      const items = await batchDocuments(jobs, documents);
      await bulks.execute(() => elastic.indexJobs(items, signal ? { signal } : {}), signal);
      prefix.markStored(jobs);
      commitChain = commitChain.then(commit);
      await commitChain;
      ctx.onStored?.(prefix.storedCount, window.listed);
    })().then(
      () => {
        inFlight.delete(task);
      },
      (error: unknown) => {
        inFlight.delete(task);
        failure ??= error;
      },
    );
    inFlight.add(task);
  };

  const sent = new Set<bigint>();
  let sealed: InactiveJob[] = [];
  let truncated = false;
  try {
    let early: InactiveJob[] = [];
    for await (const job of flux.listJobs({ states: ['INACTIVE'], since }, signal ? { signal } : {})) {
      if (job.tInactive === undefined) continue;
      // Listed even after a failure: the watermark must be computed over the whole listing.
      window.push(job as InactiveJob);
      if (window.listed === ctx.backfillAt) await ctx.onBackfill?.();
      if (failure !== undefined || window.overflowing || !storeWhileListing) continue;
      early.push(job as InactiveJob);
      if (early.length < batchSize) continue;
      if (inFlight.size < pipelineDepth) {
        for (const sentJob of early) sent.add(sentJob.id);
        dispatch(early);
      }
      early = [];
    }
    const { jobs, boundary } = window.finish();
    truncated = boundary !== undefined;
    // The sentinel has an id no job has (ids are unsigned), so the prefix never passes it.
    sealed = boundary ? [...jobs, { ...boundary, id: -1n }] : jobs;
    prefix.seal(sealed);
    const rest = sent.size > 0 ? jobs.filter((job) => !sent.has(job.id)) : jobs;
    for (let offset = 0; offset < rest.length && failure === undefined; offset += batchSize) {
      signal?.throwIfAborted();
      while (inFlight.size >= pipelineDepth) await Promise.race(inFlight);
      dispatch(rest.slice(offset, offset + batchSize));
    }
  } finally {
    await Promise.all(inFlight);
    // Jobs stored during the listing are covered once the prefix reaches them.
    commitChain = commitChain.then(commit);
    await commitChain.catch((error: unknown) => {
      failure ??= error;
    });
  }
  if (failure !== undefined) throw failure;
  const reached = watermarkAfter(sealed, prefix.prefixLength, since);
  return {
    // A truncated window counts only what the next listing will not list again.
    forwarded: truncated ? countUpTo(sealed, prefix.prefixLength, reached) : prefix.storedCount,
    listed: window.listed,
    truncated,
    reached,
  };
}
