import type { FluxJob } from '../datasources/flux/flux-job';
import { watermarkAfter } from './watermark';

/** A listed inactive job (job-list always reports `t_inactive` for those). */
export type InactiveJob = FluxJob & { tInactive: number };

/**
 * Which listed jobs are stored, and how far the watermark may go. Jobs are marked stored in any
 * order (batches finish out of order, and the newest jobs are stored while the listing still
 * runs); once the whole listing is known ({@link StoredPrefix.seal}), the committable prefix is
 * the longest run of stored jobs from the oldest `t_inactive` on.
 */
export class StoredPrefix {
  private readonly stored = new Set<bigint>();
  private sorted: InactiveJob[] | undefined;
  private prefix = 0;

  /** Jobs marked stored so far. */
  get storedCount(): number {
    return this.stored.size;
  }

  /** Length of the stored prefix of the sorted listing (0 before {@link seal}). */
  get prefixLength(): number {
    return this.prefix;
  }

  markStored(jobs: readonly FluxJob[]): void {
    for (const job of jobs) this.stored.add(job.id);
  }

  /** Fixes the complete listing, sorted by `t_inactive` then id ascending. */
  seal(sorted: InactiveJob[]): void {
    this.sorted = sorted;
  }

  /**
   * Extends the prefix over newly stored jobs; returns the watermark it allows (see
   * watermarkAfter) and the number of jobs it newly covers, or undefined when it did not move.
   */
  advance(previousSince: number): { since: number; covered: number; last: InactiveJob } | undefined {
    const sorted = this.sorted;
    if (!sorted) return undefined;
    const before = this.prefix;
    while (this.prefix < sorted.length && this.stored.has((sorted[this.prefix] as InactiveJob).id)) this.prefix += 1;
    if (this.prefix === before) return undefined;
    return {
      since: watermarkAfter(sorted, this.prefix, previousSince),
      covered: this.prefix - before,
      last: sorted[this.prefix - 1] as InactiveJob,
    };
  }
}
