import { encodeReportCursor } from '../datasources/sciagraph/report-page';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import type { ProfileReportConnection } from '../schema/profile-report-connection.type';
import type { ProfileReportMatcher } from './profile-report-match';

/** Reports examined per request when filtering by the reports' jobs; past it the page ends early (hasNextPage, resumable). */
export const MAX_NAME_SCAN = 2000;
const NAME_BATCH = 100;

/**
 * Takes `first` reports (plus one to learn hasNextPage) from `reports`. With `matches` (filters
 * on the reports' jobs, see profile-report-match.ts), reports are judged in batches and only
 * matching ones are kept; at most {@link MAX_NAME_SCAN} reports are examined, then the page ends
 * with a cursor at the last examined report.
 */
export async function collectProfilePage(
  reports: Iterator<ProfileReportRecord>,
  first: number,
  matches: ProfileReportMatcher | undefined,
): Promise<ProfileReportConnection> {
  const kept: ProfileReportRecord[] = [];
  let scanned = 0;
  let last: ProfileReportRecord | undefined;
  let exhausted = false;
  while (kept.length <= first && !exhausted && scanned < (matches === undefined ? Infinity : MAX_NAME_SCAN)) {
    const batch: ProfileReportRecord[] = [];
    while (batch.length < (matches === undefined ? first + 1 - kept.length : NAME_BATCH)) {
      const next = reports.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      batch.push(next.value);
    }
    scanned += batch.length;
    if (matches === undefined) {
      kept.push(...batch);
      continue;
    }
    const matched = await matches(batch);
    batch.forEach((record, i) => {
      if (kept.length <= first && matched[i]) kept.push(record);
      if (kept.length <= first) last = record;
    });
  }
  const page = kept.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeReportCursor(node), node }));
  const scanLimited = matches !== undefined && kept.length <= first && !exhausted;
  const endCursor = scanLimited && last ? encodeReportCursor(last) : edges.at(-1)?.cursor;
  return {
    edges,
    nodes: page,
    pageInfo: {
      hasNextPage: kept.length > first || scanLimited,
      hasPreviousPage: false,
      ...(edges[0] ? { startCursor: edges[0].cursor } : {}),
      ...(endCursor ? { endCursor } : {}),
    },
  };
}
