import type { FluxJob } from '../datasources/flux/flux-job';
import type { ReportEntry } from '../datasources/sciagraph/report-entry';

/** What {@link reportOwnerOf} needs of the Sciagraph datasource. */
export interface ReportCrediting {
  isCredited(record: Pick<ReportEntry, 'ownerUids' | 'reportKey' | 'jobId'>, jobUid: number): boolean;
}

/**
 * The uid a profiling report belongs to, given every Flux job with its job id (one per cluster
 * that knows the id): the job's owner when the report's files credit them. With several clusters
 * the same id can be two users' jobs; then only an owner whose uid owns the report's files
 * decides, and a report no single owner's files credit has no owner (operators only). Undefined
 * when Flux knows no such job.
 */
export function reportOwnerOf(
  record: Pick<ReportEntry, 'ownerUids' | 'reportKey' | 'jobId'>,
  jobs: readonly Pick<FluxJob, 'userId'>[],
  sciagraph: ReportCrediting | undefined,
): number | undefined {
  let owners = [...new Set(jobs.map((job) => job.userId))];
  if (owners.length > 1) owners = owners.filter((uid) => record.ownerUids.includes(uid));
  const owner = owners.length === 1 ? owners[0] : undefined;
  return owner !== undefined && sciagraph?.isCredited(record, owner) ? owner : undefined;
}
