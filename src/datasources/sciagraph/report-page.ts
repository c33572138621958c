import { BadUserInputError } from '../../errors';
import { compareReports } from './report-index';
import type { ReportEntry } from './report-entry';

/** Filters of `profileReports` the index applies itself (job name needs Flux; the resolver applies it). */
export interface ReportFilter {
  /** Reports that started at or after this, epoch ms. */
  startedFromMs?: number | undefined;
  /** Reports that started before this, epoch ms. */
  startedToMs?: number | undefined;
  /** Minimum peak memory, KiB. */
  minPeakMemoryKiB?: number | undefined;
}

/** Position in the report order: (startedAt, reportKey). */
export type ReportPosition = Pick<ReportEntry, 'startedAtMs' | 'reportKey'>;

/** Opaque cursor of a report: base64url of `startedAtMs:reportKey`. Stable while reports arrive. */
export function encodeReportCursor(position: ReportPosition): string {
  return Buffer.from(`${position.startedAtMs}:${position.reportKey}`).toString('base64url');
}

/** Decodes {@link encodeReportCursor}; BAD_USER_INPUT when malformed. */
export function decodeReportCursor(cursor: string): ReportPosition {
  const match = /^(-?\d{1,16}):([A-Za-z0-9_-]{22})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) throw new BadUserInputError('invalid profileReports cursor', { after: cursor });
  return { startedAtMs: Number(match[1]), reportKey: match[2] };
}

/** Entries of `sorted` (in {@link compareReports} order) strictly after `after`, matching `filter`. */
export function* pageReports(
  sorted: readonly ReportEntry[],
  filter: ReportFilter,
  after: ReportPosition | undefined,
): Generator<ReportEntry> {
  let low = 0;
  let high = sorted.length;
  while (after && low < high) {
    const mid = (low + high) >>> 1;
    if (compareReports(sorted[mid] as ReportEntry, after) <= 0) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < sorted.length; i += 1) {
    const entry = sorted[i] as ReportEntry;
    if (filter.startedFromMs !== undefined && entry.startedAtMs < filter.startedFromMs) break;
    if (filter.startedToMs !== undefined && entry.startedAtMs >= filter.startedToMs) continue;
    if (filter.minPeakMemoryKiB !== undefined && entry.peakMemoryKiB < filter.minPeakMemoryKiB) continue;
    yield entry;
  }
}
