import { backendsOf } from '../../datasources/create-datasources';
import type { Datasources } from '../../datasources/create-datasources';
import { formatJobId } from '../../datasources/flux/job-id';
import { JOBGRAPH_VERSION } from '../../datasources/user-agent';
import type { PlaygroundPluginOptions } from './playground.plugin';

/** What the playground page tells about this gateway: its release, its backends, a job id for the examples. */
export function playgroundFacts(
  datasources: Datasources,
): Pick<PlaygroundPluginOptions, 'release' | 'backends' | 'exampleJobId'> {
  return {
    release: JOBGRAPH_VERSION,
    // `fluxClusters` is the clusters' directory, not a backend of its own.
    backends: backendsOf(datasources)
      .map(([name]) => name)
      .filter((name) => name !== 'fluxClusters'),
    async exampleJobId() {
      for await (const job of datasources.flux.listJobs({ maxEntries: 1 })) return formatJobId(job.id);
      return undefined;
    },
  };
}
