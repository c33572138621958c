import DataLoader from 'dataloader';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import type { SciagraphDatasource } from '../datasources/sciagraph/sciagraph-datasource';
import { tracedBatch } from './traced-batch';

/** Per-request loaders over the Sciagraph report index. */
export interface SciagraphLoaders {
  /**
   * The newest report per job key (decimal Flux id or text id; see `canonicalJobId`), null when
   * none or when reports are not configured. All keys asked in one tick cost one index lookup
   * (`findByJobKeys`).
   */
  profileByJobKey: DataLoader<string, ProfileReportRecord | null>;
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
    reportById: new DataLoader<string, ProfileReportRecord | null>(
      tracedBatch('sciagraph.reportById', async (ids) => ids.map((id) => sciagraph?.getReport(id) ?? null)),
    ),
  };
}
