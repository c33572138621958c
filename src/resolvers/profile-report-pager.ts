import type DataLoader from 'dataloader';
import type { FluxJob } from '../datasources/flux/flux-job';
import { encodeReportCursor } from '../datasources/sciagraph/report-page';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import type { ProfileReportConnection } from '../schema/profile-report-connection.type';

/** Reports examined per request when filtering by job name; past it the page ends early (hasNextPage, resumable). */
export const MAX_NAME_SCAN = 2000;
const NAME_BATCH = 100;

/**
 * Takes `first` reports (plus one to learn hasNextPage) from `reports`. With `jobName`, jobs
 * are resolved in batches through the Flux job loader and only reports of jobs so named are kept;
 * at most {@link MAX_NAME_SCAN} reports are examined, then the page ends with a cursor at the
 * last examined report.
 */
export async function collectProfilePage(
  reports: Iterator<ProfileReportRecord>,
  first: number,
  jobName: string | undefined,
  jobs: DataLoader<bigint, FluxJob | null, string>,
): Promise<ProfileReportConnection> {
  const kept: ProfileReportRecord[] = [];
  let scanned = 0;
  let last: ProfileReportRecord | undefined;
  let exhausted = false;
  while (kept.length <= first && !exhausted && scanned < (jobName === undefined ? Infinity : MAX_NAME_SCAN)) {
    const batch: ProfileReportRecord[] = [];
    while (batch.length < (jobName === undefined ? first + 1 - kept.length : NAME_BATCH)) {
      const next = reports.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      batch.push(next.value);
    }
    scanned += batch.length;
    if (jobName === undefined) {
      kept.push(...batch);
      continue;
    }
    const ids = batch.flatMap((record) => (record.fluxId === undefined ? [] : [record.fluxId]));
    const names = new Map(
      (await jobs.loadMany(ids)).map((job, i) => [ids[i], job && !(job instanceof Error) ? job.name : undefined]),
    );
    batch.forEach((record) => {
      if (kept.length <= first && record.fluxId !== undefined && names.get(record.fluxId) === jobName)
        kept.push(record);
      if (kept.length <= first) last = record;
    });
  }
  const page = kept.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeReportCursor(node), node }));
  const scanLimited = jobName !== undefined && kept.length <= first && !exhausted;
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
