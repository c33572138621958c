/** Narrowest and widest first window the hints suggest, seconds. */
const MIN_WIDTH_S = 60;
const MAX_WIDTH_S = 90 * 86_400;
/** Query shapes remembered per Flux datasource (least recently used forgotten first). */
const MAX_SHAPES = 256;
/**
 * Headroom over the density seen, so a page usually fills in its first window: 1 + 3/√need (three
 * standard deviations of a Poisson count), between 1.3 and 1.5. Every job listed beyond the page costs
 * its decode (~7.5 µs with all attributes); a window that falls short costs one more job-list RPC sized
 * from its own density (job-pager.ts). Small pages keep 1.5 (their counts vary most); pages of 100+ take
 * 1.3, which still fills the simulator's bursty submit times in one window at pages of 100–500.
 */
const headroom = (need: number): number => Math.min(1.5, Math.max(1.3, 1 + 3 / Math.sqrt(need)));

/**
 * How densely jobs matching a query shape were submitted, as seen by earlier pages, so the pager
 * (job-pager.ts) opens its first submit window wide enough to fill a page in one job-list RPC
 * instead of starting from an hour and widening. One per server (see GraphQLContext). Only a first guess: the pager still checks that
 * every job newer than its window's floor was seen, so a wrong hint costs RPCs, never results.
 */
export class JobWindowHints {
  private readonly density = new Map<string, number>();

  /** The first window width for `need` jobs of `shape`, seconds; `fallback` when nothing is known. */
  width(shape: string, need: number, fallback: number): number {
    const perSecond = this.density.get(shape);
    if (perSecond === undefined || perSecond <= 0) return fallback;
    return Math.min(MAX_WIDTH_S, Math.max(MIN_WIDTH_S, (need / perSecond) * headroom(need)));
  }

  /** Records that `jobs` matching `shape` were submitted within `seconds`. */
  observe(shape: string, jobs: number, seconds: number): void {
    if (!(seconds > 0) || jobs <= 0) return;
    this.density.delete(shape);
    this.density.set(shape, jobs / seconds);
    if (this.density.size > MAX_SHAPES) this.density.delete(this.density.keys().next().value as string);
  }
}
