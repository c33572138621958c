import type { ReportEntry } from './report-entry';

/** Order of reports everywhere: newest `startedAt` first, ties to the greater `reportKey` (contract §7.6). */
export function compareReports(
  a: Pick<ReportEntry, 'startedAtMs' | 'reportKey'>,
  b: Pick<ReportEntry, 'startedAtMs' | 'reportKey'>,
): number {
  if (a.startedAtMs !== b.startedAtMs) return b.startedAtMs - a.startedAtMs;
  return a.reportKey < b.reportKey ? 1 : a.reportKey > b.reportKey ? -1 : 0;
}

/** True when `relDir` is `prefix` or lies below it ('' contains everything). */
export function isUnder(relDir: string, prefix: string): boolean {
  return prefix === '' || relDir === prefix || relDir.startsWith(`${prefix}/`);
}

/**
 * The in-memory report index: by report key, by job key (sorted, newest first) and one list in
 * {@link compareReports} order, rebuilt lazily after changes. Pure data structure, no I/O.
 */
export class ReportIndex {
  private readonly byKey = new Map<string, ReportEntry>();
  private readonly byJob = new Map<string, ReportEntry[]>();
  private sorted: ReportEntry[] | undefined;

  /** Number of indexed reports. */
  get size(): number {
    return this.byKey.size;
  }

  /** The report with this key. */
  get(reportKey: string): ReportEntry | undefined {
    return this.byKey.get(reportKey);
  }

  /** Reports of one job, newest first (empty when none). */
  forJob(jobKey: string): readonly ReportEntry[] {
    return this.byJob.get(jobKey) ?? [];
  }

  /** Every report in {@link compareReports} order. */
  list(): readonly ReportEntry[] {
    this.sorted ??= [...this.byKey.values()].sort(compareReports);
    return this.sorted;
  }

  /**
   * Replaces what the index holds for `root` at or below `prefix` with `found`, keeping entries
   * for which `keep` is true (transient read errors). Returns the number of changes.
   */
  replaceSubtree(
    root: string,
    prefix: string,
    found: readonly ReportEntry[],
    keep: (entry: ReportEntry) => boolean,
  ): number {
    const foundKeys = new Set(found.map((entry) => entry.reportKey));
    let changes = 0;
    for (const entry of this.byKey.values()) {
      if (entry.root === root && isUnder(entry.relDir, prefix) && !foundKeys.has(entry.reportKey) && !keep(entry)) {
        this.remove(entry);
        changes += 1;
      }
    }
    for (const entry of found) if (this.upsert(entry)) changes += 1;
    return changes;
  }

  private upsert(entry: ReportEntry): boolean {
    const previous = this.byKey.get(entry.reportKey);
    if (previous && sameEntry(previous, entry)) return false;
    if (previous) this.remove(previous);
    this.byKey.set(entry.reportKey, entry);
    const forJob = this.byJob.get(entry.jobKey) ?? [];
    forJob.push(entry);
    forJob.sort(compareReports);
    this.byJob.set(entry.jobKey, forJob);
    this.sorted = undefined;
    return true;
  }

  private remove(entry: ReportEntry): void {
    this.byKey.delete(entry.reportKey);
    const forJob = this.byJob.get(entry.jobKey)?.filter((other) => other.reportKey !== entry.reportKey) ?? [];
    if (forJob.length > 0) this.byJob.set(entry.jobKey, forJob);
    else this.byJob.delete(entry.jobKey);
    this.sorted = undefined;
  }
}

function sameEntry(a: ReportEntry, b: ReportEntry): boolean {
  return (
    a.jobKey === b.jobKey &&
    a.dirId === b.dirId &&
    a.startedAtMs === b.startedAtMs &&
    a.durationMs === b.durationMs &&
    a.peakMemoryKiB === b.peakMemoryKiB &&
    a.sidecar === b.sidecar &&
    a.ownerUids.join(',') === b.ownerUids.join(',') &&
    a.files.length === b.files.length &&
    a.files.every((name, i) => name === b.files[i])
  );
}
