import type { SoakReport, SoakWindow } from './soak-runner';

/** The soak's pass marks. */
export const SOAK_LIMITS = {
  /** RSS (median of the first vs the last window after warm-up), and the heap after full GCs when traced, may grow less than this, percent. */
  rssDriftPct: 10,
  /** Descriptors / sockets may grow by at most this many (pooled connections come and go). */
  fdSlack: 10,
  socketSlack: 10,
  /**
   * p99 of the last windows (see lateP99) at most this many times the first's, or the first's +
   * 250 ms when that is more (a shared 2-core machine adds that much scheduling noise to one window).
   */
  p99Factor: 3,
  p99FloorMs: 250,
} as const;

/**
 * The late p99: the better of the last two windows' (the last alone when there are two or fewer).
 * A latency that degrades (a leak, a growing queue) raises both; a neighbour's burst on a shared
 * machine raises one window, and failed the 60-second soak in CI runs beside other work.
 */
function lateP99(windows: readonly SoakWindow[]): number | undefined {
  if (windows.length === 0) return undefined;
  const last = windows[windows.length - 1] as SoakWindow;
  const before = windows.length > 2 ? windows[windows.length - 2] : undefined;
  return before ? Math.min(before.p99Ms, last.p99Ms) : last.p99Ms;
}

/** The limits `report` breaks, each as a sentence; empty when it passed. */
export function soakVerdict(report: SoakReport): string[] {
  const broken: string[] = [];
  if (report.failed > 0)
    broken.push(`${report.failed} of ${report.requests} requests failed: ${report.failures.join(' | ')}`);
  if (report.rssDriftPct >= SOAK_LIMITS.rssDriftPct)
    broken.push(`RSS drifted ${report.rssDriftPct.toFixed(1)} % (limit ${SOAK_LIMITS.rssDriftPct} %)`);
  const heap = report.heapAfterGc;
  if (heap && (heap.end - heap.start) / heap.start >= SOAK_LIMITS.rssDriftPct / 100) {
    broken.push(`heap after full GC grew from ${heap.start} to ${heap.end} MiB (limit ${SOAK_LIMITS.rssDriftPct} %)`);
  }
  if (report.fdGrowth > SOAK_LIMITS.fdSlack)
    broken.push(`open descriptors grew by ${report.fdGrowth} (slack ${SOAK_LIMITS.fdSlack})`);
  if (report.socketGrowth > SOAK_LIMITS.socketSlack)
    broken.push(`sockets grew by ${report.socketGrowth} (slack ${SOAK_LIMITS.socketSlack})`);
  const first = report.windows[0];
  const late = lateP99(report.windows);
  if (!first || late === undefined) broken.push('no complete latency window');
  else {
    const allowed = Math.max(first.p99Ms * SOAK_LIMITS.p99Factor, first.p99Ms + SOAK_LIMITS.p99FloorMs);
    if (late > allowed)
      broken.push(`p99 of the last windows ${late} ms is over ${allowed} ms (first window ${first.p99Ms} ms)`);
  }
  return broken;
}

const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** One line per window. */
export function formatWindow(w: SoakWindow): string {
  return `window ${w.index + 1}: ${w.requests} requests, ${w.failed} failed, p50 ${w.p50Ms} ms, p99 ${w.p99Ms} ms, RSS ${w.rssMiB} MiB, ${w.fds} fds, ${w.sockets} sockets`;
}

/** The summary lines of a soak. */
export function formatSoakReport(report: SoakReport): string {
  return [
    `warm-up: ${(report.warmupMs / 1000).toFixed(1)} s`,
    `requests measured: ${report.requests} (${report.failed} failed); sent by kind: ${Object.entries(report.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}`,
    `RSS: ${mib(report.start.rssBytes)} MiB at start, ${mib(report.end.rssBytes)} MiB at end, drift ${report.rssDriftPct.toFixed(1)} % (limit ${SOAK_LIMITS.rssDriftPct} %); range ${mib(report.rssRange[0])}–${mib(report.rssRange[1])} MiB`,
    report.heapAfterGc
      ? `heap after full GC: ${report.heapAfterGc.start.toFixed(1)} MiB at start, ${report.heapAfterGc.end.toFixed(1)} MiB at end (${report.heapAfterGc.count} full GCs measured)`
      : 'heap after full GC: not traced',
    `file descriptors: ${report.start.fds} → ${report.end.fds} (slack ${SOAK_LIMITS.fdSlack}); sockets: ${report.start.sockets} → ${report.end.sockets} (slack ${SOAK_LIMITS.socketSlack})`,
    `p99 first/last window: ${report.windows[0]?.p99Ms ?? '?'} / ${report.windows[report.windows.length - 1]?.p99Ms ?? '?'} ms (limit ×${SOAK_LIMITS.p99Factor}, at least +${SOAK_LIMITS.p99FloorMs} ms)`,
  ].join('\n');
}
