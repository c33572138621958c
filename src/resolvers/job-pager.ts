import type { FluxDatasource, FluxJobQuery, JobListing } from '../datasources/flux/flux-datasource';
import type { FluxJob } from '../datasources/flux/flux-job';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../datasources/flux/job.mapper';
import { compareJobKeys, sortByJobKeys } from './job-cursor';
import type { JobCursor } from './job-cursor';
import type { JobWindowHints } from './job-window-hints';

/** One page to fetch in cursor order (see job-cursor.ts). */
export interface JobPageRequest {
  /** Filters, without `submitted` and `maxEntries` (the pager sets them). */
  query: Omit<FluxJobQuery, 'submitted' | 'maxEntries'>;
  /** The caller's submit window, epoch seconds: from inclusive, to exclusive. */
  submitted: { from?: number; to?: number };
  first: number;
  after?: JobCursor | undefined;
  /** Current time, epoch seconds. */
  now: number;
  /** Densities seen by earlier pages (the server's); without them the first window is an hour. */
  hints?: JobWindowHints | undefined;
  /** Keeps the densities of different brokers apart (the cluster's name); default none. */
  hintScope?: string | undefined;
  /**
   * job-list attributes to list (job-list-attrs.ts: what the page's Job fields read); default all.
   * Not part of the filters' shape: the hints' densities do not depend on it.
   */
  attrs?: readonly string[] | undefined;
}

/** A fetched page: `jobs` holds at most `first` jobs in cursor order. */
export interface JobPage {
  jobs: FluxJob[];
  hasNextPage: boolean;
}

const INITIAL_WINDOW_S = 3600;
const MAX_WINDOWS = 12;
/** Slack added above the cursor's submit time: the exact key comparison then drops the overlap. */
const CURSOR_SLACK_S = 0.001;
/** Headroom of a window that completes a short one, over the density the short one saw. */
const REFILL_HEADROOM = 1.5;
/**
 * Most a window that completes a short one may be wider than the short one. Its density comes from the
 * few jobs the short window held, and can be far off: a cold page of INACTIVE jobs finds few in its first
 * hour (the newest jobs still run), and sizing the next window from them listed 4,989 entries for 501.
 */
const MAX_REFILL_GROWTH = 8;
/**
 * A window's listing also sends job-list `since` = its floor minus this margin: an inactive job submitted at
 * or after the floor became inactive after it (both stamped by the broker's clock; the margin covers a clock
 * stepped back while a job lived), so none is lost; and job-list stops walking its inactive list (newest
 * t_inactive first) there instead of comparing every inactive job it keeps against the constraint — past
 * job-list.max_comparisons (1,000,000) a listing fails (contract §4.1).
 */
const SINCE_MARGIN_S = 60;

/**
 * Appends the jobs of `listing` that `keep` accepts to `into`, in listing order. By batches when the
 * listing offers them (one await per batch of replies, not per job; the same jobs either way).
 */
async function collectInto(listing: JobListing, into: FluxJob[], keep?: (job: FluxJob) => boolean): Promise<void> {
  if (listing.batches) {
    for await (const batch of listing.batches())
      for (const job of batch) if (keep === undefined || keep(job)) into.push(job);
    return;
  }
  for await (const job of listing) if (keep === undefined || keep(job)) into.push(job);
}

/**
 * Fetches one page of jobs ordered by (t_submit, id) descending. job-list cannot sort, so the
 * pager walks back in time in submit windows [lo, hi), newest first, each window sized from
 * the density seen so far, until it holds `first + 1` jobs or no older job exists (checked
 * with a one-job probe when a window gained nothing). All jobs newer than `lo` have then been seen, so the first `first`
 * of them are exactly the page. The first window's width comes from the density earlier pages of
 * the same filters saw (job-window-hints.ts): typically one job-list RPC (two when the hinted window falls a few jobs short), 2–5 without a hint
 * (a window completing a short one grows at most {@link MAX_REFILL_GROWTH}× over it).
 */
export async function fetchJobPage(flux: FluxDatasource, request: JobPageRequest): Promise<JobPage> {
  const need = request.first + 1;
  const floor = request.submitted.from ?? 0;
  let hi = Math.min(
    request.submitted.to ?? Infinity,
    request.after ? request.after.tSubmit + CURSOR_SLACK_S : Infinity,
  );
  const { hints } = request;
  const shape =
    (request.hintScope === undefined ? '' : `${request.hintScope}:`) +
    JSON.stringify(request.query, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
  let width = hints ? hints.width(shape, need, INITIAL_WINDOW_S) : INITIAL_WINDOW_S;
  let spanTop = Number.NaN;
  let spanLo = Number.NaN;
  const found: FluxJob[] = [];
  // Jobs compared as their keys (compareJobKeys reads only tSubmit and id): no key object per job or comparison.
  const below = (job: FluxJob): boolean => !request.after || compareJobKeys(job, request.after) > 0;
  const listed = request.attrs ? { ...request.query, attrs: request.attrs } : request.query;
  // The probe reads only the submit time of one job.
  const serverSide = { ...request.query, attrs: JOB_ENTRY_REQUIRED_ATTRS };
  delete serverSide.banks;
  delete serverSide.projects;

  for (let round = 0; found.length < need && hi > floor; round += 1) {
    const top = Number.isFinite(hi) ? hi : request.now;
    const lo = round >= MAX_WINDOWS ? floor : Math.max(floor, top - width);
    const window = { from: lo, ...(Number.isFinite(hi) ? { to: hi } : {}) };
    const since = Math.max(listed.since ?? 0, lo - SINCE_MARGIN_S);
    const before = found.length;
    await collectInto(
      flux.listJobs({ ...listed, submitted: window, maxEntries: 0, ...(since > 0 ? { since } : {}) }),
      found,
      below,
    );
    if (round === 0) spanTop = top;
    spanLo = lo;
    if (found.length >= need || lo <= floor) break;
    const gained = found.length - before;
    hi = lo;
    if (gained > 0) {
      // Short by a few (the hint's headroom is tight): the window's own density sizes the next one,
      // without a probe first — one RPC less; a window that then gains nothing probes below.
      width = Math.min(
        (((need - found.length) * (top - lo)) / gained) * REFILL_HEADROOM,
        (top - lo) * MAX_REFILL_GROWTH,
      );
      continue;
    }
    // The probe leaves out the client-side filters (a superset), so "no older job" is certain.
    const probed: FluxJob[] = [];
    await collectInto(flux.listJobs({ ...serverSide, submitted: { from: floor, to: lo }, maxEntries: 1 }), probed);
    const [older] = probed;
    if (!older) break;
    width = Math.max(width * 2, lo - older.tSubmit + CURSOR_SLACK_S);
  }
  hints?.observe(shape, found.length, spanTop - spanLo);
  sortByJobKeys(found);
  return { jobs: found.slice(0, request.first), hasNextPage: found.length > request.first };
}
