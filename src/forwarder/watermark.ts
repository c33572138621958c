/** The part of a job the watermark logic needs. */
export interface InactiveJobTime {
  tInactive: number;
}

/**
 * The watermark after the first `stored` jobs of `jobs` (sorted by `tInactive` ascending) are
 * in Elasticsearch: the largest T such that every listed job with `t_inactive <= T` is stored.
 * When the next unstored job shares the last stored job's time, T steps back below it, so a
 * restart (`t_inactive > T`) re-reads that whole group. `previous` when no step is possible.
 */
export function watermarkAfter(jobs: readonly InactiveJobTime[], stored: number, previous: number): number {
  if (stored <= 0) return previous;
  const next = jobs[stored]?.tInactive;
  let index = stored - 1;
  while (index >= 0 && next !== undefined && (jobs[index] as InactiveJobTime).tInactive >= next) index -= 1;
  return index < 0 ? previous : Math.max(previous, (jobs[index] as InactiveJobTime).tInactive);
}
