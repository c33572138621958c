import type { FluxCluster } from '../datasources/flux/flux-clusters';
import { clusterError } from '../datasources/flux/flux-clusters';
import type { FluxJob } from '../datasources/flux/flux-job';
import { clusterAfter, compareClusterJobKeys } from './job-cursor';
import { fetchJobPage } from './job-pager';
import type { JobPage, JobPageRequest } from './job-pager';

/** A page of several clusters' jobs: every job carries its `cluster`. */
export interface ClusterJobPage extends JobPage {
  /** One typed error per cluster that failed, naming it (`extensions.cluster`); its jobs are missing from the page. */
  failures: unknown[];
}

const keyOf = (job: FluxJob): { tSubmit: number; id: bigint; cluster?: string } =>
  job.cluster === undefined
    ? { tSubmit: job.tSubmit, id: job.id }
    : { tSubmit: job.tSubmit, id: job.id, cluster: job.cluster };

/**
 * One page of jobs across `clusters` in the merged order (submit time descending, cluster name
 * ascending, id descending; job-cursor.ts). Each cluster pages on its own from the merged cursor
 * translated for it (clusterAfter), all at once; the first `first` jobs of the merged order are
 * among the first `first` of each cluster, so merging those pages is exact: no gap, no repeat,
 * equal submit times on two clusters included. A cluster that fails leaves its jobs out and
 * adds its typed error to `failures`; when every cluster fails, the first failure is thrown.
 */
export async function fetchClusterJobPage(
  clusters: readonly FluxCluster[],
  request: JobPageRequest,
): Promise<ClusterJobPage> {
  const pages = await Promise.allSettled(
    clusters.map((cluster) =>
      fetchJobPage(cluster.flux, {
        ...request,
        after: request.after ? clusterAfter(request.after, cluster.name) : undefined,
        hintScope: cluster.name,
      }),
    ),
  );
  const jobs: FluxJob[] = [];
  const failures: unknown[] = [];
  let more = false;
  pages.forEach((page, i) => {
    const cluster = clusters[i] as FluxCluster;
    if (page.status === 'rejected') {
      failures.push(clusterError(cluster.name, page.reason));
      return;
    }
    more ||= page.value.hasNextPage;
    for (const job of page.value.jobs) jobs.push({ ...job, cluster: cluster.name });
  });
  if (failures.length === clusters.length && clusters.length > 0) throw failures[0];
  jobs.sort((a, b) => compareClusterJobKeys(keyOf(a), keyOf(b)));
  return { jobs: jobs.slice(0, request.first), hasNextPage: more || jobs.length > request.first, failures };
}
