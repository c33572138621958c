import type { Logger } from 'pino';
import type { Config } from '../config';
import { closeDatasources, createDatasources } from '../datasources/create-datasources';
import type { DatasourceOverrides } from '../datasources/create-datasources';
import type { ForwardReport } from '../forwarder/forward-jobs';
import { forwarderSettings } from '../forwarder/forwarder-settings';
import { runForwarder } from '../forwarder/run-forwarder';
import { resolveClusters } from './resolve-clusters';

/** Options of {@link forwardFromConfig}. */
export interface ForwardFromConfigOptions {
  /** Keep forwarding as jobs finish until `signal` aborts (`jobgraph forward --follow`, the demo). */
  follow?: boolean;
  /** Forward jobs inactive after this epoch second instead of the stored watermark (one pass). */
  since?: number;
  signal: AbortSignal;
  /** Where progress goes (a bar on a TTY, JSON lines otherwise); none when absent. */
  progress?: NodeJS.WriteStream;
  logger: Logger;
  /** Datasources replaced by the caller (the demo's user table). */
  overrides?: DatasourceOverrides;
}

/**
 * Flux → Elasticsearch with a configuration's own datasources (every configured cluster, each with
 * its watermark): what `jobgraph forward` runs, and `jobgraph demo` in the background when an
 * Elasticsearch URL is configured. Failing passes are logged and retried after the follow interval;
 * the datasources are closed before it resolves.
 */
export async function forwardFromConfig(config: Config, options: ForwardFromConfigOptions): Promise<ForwardReport> {
  const { logger, signal } = options;
  const { datasources } = createDatasources(config, options.overrides, logger);
  try {
    const clusters = await resolveClusters(
      datasources.fluxClusters,
      options.follow ? { retryMs: config.elastic.followIntervalMs, signal } : undefined,
      (error) => logger.error({ err: error }, 'naming the Flux cluster failed; retrying after the interval'),
    );
    return await runForwarder({
      clusters,
      elastic: datasources.elastic as NonNullable<typeof datasources.elastic>,
      ...forwarderSettings(config),
      ...(options.follow ? { follow: true } : {}),
      ...(options.since !== undefined ? { since: options.since } : {}),
      signal,
      ...(options.progress ? { progress: options.progress } : {}),
      resolveUserNames: (uids) => datasources.users.namesByUid(uids),
      onError: (error, cluster) =>
        logger.error({ err: error, cluster }, 'forwarding pass failed; retrying after the interval'),
    });
  } finally {
    await closeDatasources(datasources);
  }
}
