import type { InactiveJob } from './stored-prefix';

/** The oldest jobs of a listing, and what bounds them. */
export interface ListingWindowResult {
  /** The oldest `limit` jobs listed (all of them when the listing was smaller), by `t_inactive` then id ascending. */
  jobs: InactiveJob[];
  /** The oldest job left out, when some were: the window may not claim its `t_inactive` (jobs sharing it may be left out too). */
  boundary?: InactiveJob;
  /** Jobs listed in all. */
  listed: number;
}

const byInactiveThenId = (a: InactiveJob, b: InactiveJob): number =>
  a.tInactive - b.tInactive || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Keeps the oldest `limit` jobs of a listing that arrives newest first (job-list's order),
 * holding at most twice that many at once: a million-job backfill no longer holds a million
 * jobs (714 bytes each) to store them oldest first. The newest are dropped in chunks; the last
 * one dropped is the boundary.
 */
export class ListingWindow {
  private held: InactiveJob[] = [];
  private dropped: InactiveJob | undefined;
  private count = 0;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`listing window must hold at least 1 job, got ${limit}`);
  }

  /** Jobs listed so far. */
  get listed(): number {
    return this.count;
  }

  /** True once the listing has more jobs than the window keeps. */
  get overflowing(): boolean {
    return this.count > this.limit;
  }

  /** Adds the next (older or equally old) job of the listing. */
  push(job: InactiveJob): void {
    this.count += 1;
    this.held.push(job);
    if (this.held.length >= 2 * this.limit) this.trim();
  }

  /** The window, once the listing has ended. */
  finish(): ListingWindowResult {
    this.trim();
    return {
      jobs: this.held.sort(byInactiveThenId),
      ...(this.dropped ? { boundary: this.dropped } : {}),
      listed: this.count,
    };
  }

  private trim(): void {
    const excess = this.held.length - this.limit;
    if (excess <= 0) return;
    this.dropped = this.held[excess - 1];
    this.held = this.held.slice(excess);
  }
}
