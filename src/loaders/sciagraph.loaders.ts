import DataLoader from 'dataloader';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import type { SciagraphDatasource } from '../datasources/sciagraph/sciagraph-datasource';
import { tracedBatch } from './traced-batch';

/** A Flux job by index key and owner uid. */
export interface JobOwner {
  jobKey: string;
  uid: number;
}

/** Per-request loaders over the Sciagraph report index. */
export interface SciagraphLoaders {
  /**
   * The newest report per job key (decimal Flux id or text id; see `canonicalJobId`), null when
   * none or when reports are not configured. All keys asked in one tick cost one index lookup
   * (`findByJobKeys`).
   */
  profileByJobKey: DataLoader<string, ProfileReportRecord | null>;
  /**
   * The newest report of a Flux job credited to its owner (files owned by the job's uid, the
   * gateway's or a trusted one), null when none; all keys of one tick in one index lookup.
   */
  profileOfJob: DataLoader<JobOwner, ProfileReportRecord | null, string>;
  /** A report by its id (`ProfileReport.id`, the federation key); null when unknown or when reports are not configured. */
  reportById: DataLoader<string, ProfileReportRecord | null>;
}

/** Builds the {@link SciagraphLoaders} of one request. */
export function createSciagraphLoaders(sciagraph: SciagraphDatasource | undefined): SciagraphLoaders {
  return {
    profileByJobKey: new DataLoader<string, ProfileReportRecord | null>(
      tracedBatch('sciagraph.profileByJobKey', async (keys) =>
        sciagraph ? sciagraph.findByJobKeys(keys).map((record) => record ?? null) : keys.map(() => null),
      ),
    ),
    profileOfJob: new DataLoader<JobOwner, ProfileReportRecord | null, string>(
      tracedBatch('sciagraph.profileOfJob', async (jobs: readonly JobOwner[]) =>
        sciagraph ? sciagraph.findCredited(jobs).map((r) => r ?? null) : jobs.map(() => null),
      ),
      { cacheKeyFn: (job) => `${job.jobKey}/${job.uid}` },
    ),
    reportById: new DataLoader<string, ProfileReportRecord | null>(
      tracedBatch('sciagraph.reportById', async (ids) => ids.map((id) => sciagraph?.getReport(id) ?? null)),
    ),
  };
}
