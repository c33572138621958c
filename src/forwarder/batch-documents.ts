import type { BulkItem } from '../datasources/elastic/bulk-writer';
import type { JobDocument } from '../datasources/elastic/job-document';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { LookupSlots } from '../datasources/flux/lookup-many';
import type { FluxJob } from '../datasources/flux/flux-job';
import { jobDocumentId } from '../datasources/elastic/job-document-id';
import { buildJobDocument } from './job-document.builder';

/** What {@link batchDocuments} needs besides the jobs. */
export interface BatchDocumentsContext {
  flux: FluxDatasource;
  /** Bounds job-info lookups in flight across every batch of a pass (not per batch, so no wave drains at batch ends). */
  lookups: LookupSlots;
  /** The Flux URI (`source.instance`). */
  instance: string;
  /** The cluster: each document's `cluster` and `_id` prefix. */
  cluster: string;
  environment: readonly string[];
  linkKeys?: ElogJobLinkKeys;
  resolveUserNames?: (uids: readonly number[]) => Promise<ReadonlyMap<number, string>>;
  /** Epoch ms clock (`forwardedAt`). */
  now: () => number;
  signal?: AbortSignal;
}

const LOOKUP_KEYS = ['eventlog', 'jobspec', 'J'] as const;

/**
 * The history documents of a batch: one `job-info.lookup` of eventlog, jobspec and J per job (all
 * pipelined on the Flux connections, bounded by `lookups`) and one user-name resolution for the
 * batch's distinct uids, in parallel. Documents come back in job order.
 */
export async function batchDocuments(
  jobs: readonly FluxJob[],
  context: BatchDocumentsContext,
): Promise<Array<BulkItem<JobDocument>>> {
  const [infos, names] = await Promise.all([
    context.flux.lookupMany(
      jobs.map((job) => job.id),
      LOOKUP_KEYS,
      { slots: context.lookups, ...(context.signal ? { signal: context.signal } : {}) },
    ),
    context.resolveUserNames
      ? context.resolveUserNames([...new Set(jobs.map((job) => job.userId))])
      : new Map<number, string>(),
  ]);
  const forwardedAt = context.now();
  return jobs.map((job, i) => {
    const userName = names.get(job.userId);
    const document = buildJobDocument(job, infos[i] ?? null, {
      instance: context.instance,
      cluster: context.cluster,
      environment: context.environment,
      now: forwardedAt,
      ...(context.linkKeys ? { linkKeys: context.linkKeys } : {}),
      ...(userName !== undefined ? { userName } : {}),
    });
    return { id: jobDocumentId(context.cluster, document.id), document };
  });
}
