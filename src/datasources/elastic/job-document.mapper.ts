import type { FluxJob } from '../flux/flux-job';
import type { JobResultName, JobStateName } from '../flux/job-state';
import type { JobDocument } from './job-document';
import { withoutUndefined } from './without-undefined';

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

/**
 * A history document back as the FluxJob every Job field resolver reads (epoch-ms dates →
 * Flux epoch seconds, decimal id → bigint). Document-only fields (ids, experiment, nodes…) are
 * dropped; the Job type derives them again.
 */
export function toFluxJob(doc: JobDocument): FluxJob {
  return withoutUndefined<FluxJob>({
    id: BigInt(doc.id),
    cluster: doc.cluster,
    userId: doc.userId,
    urgency: doc.urgency,
    priority: doc.priority,
    state: doc.state as JobStateName,
    result: doc.result as JobResultName | undefined,
    name: doc.name,
    cwd: doc.cwd,
    queue: doc.queue,
    project: doc.project,
    bank: doc.bank,
    tSubmit: doc.submittedAt / 1000,
    tDepend: seconds(doc.dependAt),
    tPriority: seconds(doc.priorityAt),
    tSched: seconds(doc.schedAt),
    tRun: seconds(doc.startedAt),
    tCleanup: seconds(doc.cleanupAt),
    tInactive: seconds(doc.inactiveAt),
    ntasks: doc.ntasks,
    ncores: doc.ncores,
    nnodes: doc.nnodes,
    duration: doc.timeLimitSeconds,
    ranks: doc.ranks,
    nodelist: doc.nodelist,
    expiration: seconds(doc.expiresAt),
    waitStatus: doc.waitStatus,
    success: doc.success,
    exception: doc.exception,
    annotations: doc.annotations,
    dependencies: doc.dependencies,
  });
}
