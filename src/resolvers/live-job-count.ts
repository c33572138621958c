import { clusterError } from '../datasources/flux/flux-clusters';
import type { FluxCluster } from '../datasources/flux/flux-clusters';
import type { FluxJobQuery } from '../datasources/flux/flux-datasource';
import type { JobTotalCount } from '../schema/job-connection.type';

/**
 * `jobs { totalCount }`: one id-only count per cluster (FluxDatasource.countJobs, the page's
 * constraint and submit window), summed. Null when a cluster holds more than its cap, the note
 * naming the cap and how to narrow; a failing cluster fails the count, its error naming it.
 */
export async function countLiveJobs(
  clusters: readonly FluxCluster[],
  query: FluxJobQuery,
  several: boolean,
): Promise<JobTotalCount> {
  const counts = await Promise.all(
    clusters.map((cluster) =>
      cluster.flux
        .countJobs(query)
        .then((count) => ({ cluster: cluster.name, ...count }))
        .catch((error: unknown) => Promise.reject(several ? clusterError(cluster.name, error) : error)),
    ),
  );
  const over = counts.find((count) => !count.exact);
  if (over)
    return {
      value: null,
      note:
        `more than ${over.max} jobs match${several ? ` on cluster ${over.cluster}` : ''}: totalCount counts exactly up to ` +
        `JOBGRAPH_FLUX_COUNT_MAX_JOBS (${over.max}) per cluster; narrow the filter (submitted, states, users) to count`,
    };
  return { value: counts.reduce((sum, count) => sum + count.count, 0) };
}
