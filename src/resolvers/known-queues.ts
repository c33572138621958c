import type { FluxCluster } from '../datasources/flux/flux-clusters';
import { BadUserInputError } from '../errors';

/**
 * Checks `filter.queues` against the queues of the listed clusters (the named queues of
 * job-list.job-stats): an unknown queue is BAD_USER_INPUT listing the known ones, like an unknown
 * user. When a cluster's counts cannot be read the check is skipped: the listing itself then
 * reports that cluster's failure.
 */
export async function checkKnownQueues(clusters: readonly FluxCluster[], queues: readonly string[]): Promise<void> {
  let stats;
  try {
    stats = await Promise.all(clusters.map((cluster) => cluster.flux.jobStats()));
  } catch {
    return;
  }
  const known = [...new Set(stats.flatMap((one) => (one.queues ?? []).map((queue) => queue.name)))].sort();
  const unknown = queues.filter((queue) => !known.includes(queue));
  if (unknown.length === 0) return;
  const shown = unknown.map((queue) => JSON.stringify(queue.length > 40 ? `${queue.slice(0, 40)}…` : queue));
  throw new BadUserInputError(
    `filter.queues: unknown queue ${shown.join(', ')}; ` +
      (known.length > 0 ? `known queues: ${known.join(', ')}` : 'this instance has no named queues'),
    { value: unknown.join(','), known: known.join(',') },
  );
}
