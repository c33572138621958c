import { elasticConfigSchema } from '../config/elastic.config';
import type { ElasticConfig } from '../config/elastic.config';
import { elogConfigSchema } from '../config/elog.config';
import type { ElogConfig } from '../config/elog.config';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import type { RunForwarderOptions } from './run-forwarder';

/** How `jobgraph forward` and the `forwardJobs` mutation forward, read from the configuration. */
export interface ForwarderSettings {
  /** The `elastic` section's forwarder fields (`JOBGRAPH_ELASTICSEARCH_FORWARD_*`, follow interval). */
  config: RunForwarderOptions['config'];
  /** User-attribute names of experiment and run (`JOBGRAPH_ELOG_EXPERIMENT_ATTRIBUTE`, `JOBGRAPH_ELOG_RUN_ATTRIBUTE`). */
  linkKeys: ElogJobLinkKeys;
}

/** The forwarder settings of a configuration: its `elastic` section and the eLog section's link keys. */
export function forwarderSettings(config: { elastic: ElasticConfig; elog: ElogConfig }): ForwarderSettings {
  const { forwardBatchSize, forwardLookupConcurrency, forwardBulksInFlight, forwardWindowJobs, forwardEnvironment } =
    config.elastic;
  return {
    config: {
      forwardBatchSize,
      forwardLookupConcurrency,
      forwardBulksInFlight,
      forwardWindowJobs,
      forwardEnvironment,
      followIntervalMs: config.elastic.followIntervalMs,
    },
    linkKeys: { experimentAttribute: config.elog.experimentAttribute, runAttribute: config.elog.runAttribute },
  };
}

/** The settings of an empty configuration (every default): contexts built without a server. */
export const DEFAULT_FORWARDER_SETTINGS: ForwarderSettings = forwarderSettings({
  elastic: elasticConfigSchema.parse({}),
  elog: elogConfigSchema.parse({}),
});
