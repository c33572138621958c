import { Command } from 'commander';
import { createLogger } from '../server/logger';
import { addConfigFlags, configFromFlags } from './config-flags';
import type { ConfigFlagValues } from './config-flags';
import { forwardFromConfig } from './forward-from-config';

/**
 * `jobgraph forward [--follow]`: Flux → Elasticsearch, every configured cluster with its own
 * watermark (docs/clusters.md). One pass by default (exit 0 when every job inactive since the
 * watermarks is stored); `--follow` keeps forwarding until SIGINT/SIGTERM. Progress: a bar on a
 * terminal, JSON lines on stderr otherwise; the final report on stdout.
 */
export function forwardCommand(): Command {
  return addConfigFlags(
    new Command('forward')
      .description('forward inactive Flux jobs to the Elasticsearch job history (incremental, idempotent, resumable)')
      .option('--follow', 'keep forwarding as jobs finish (JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS)')
      .option('--since <time>', 'forward jobs inactive after this ISO time instead of the stored watermark (one pass)')
      .addHelpText(
        'after',
        '\nNeeds JOBGRAPH_ELASTICSEARCH_URL. Example:\n  JOBGRAPH_ELASTICSEARCH_URL=http://127.0.0.1:9200 FLUX_URI=local:///run/flux/local jobgraph forward --follow',
      ),
    { server: false },
  ).action(async (flags: ConfigFlagValues & { follow?: boolean; since?: string }) => {
    const config = configFromFlags(flags);
    if (!config.elastic.url) throw new Error('jobgraph forward needs JOBGRAPH_ELASTICSEARCH_URL');
    const since = flags.since !== undefined ? Date.parse(flags.since) / 1000 : undefined;
    if (since !== undefined && Number.isNaN(since)) throw new Error(`--since: not an ISO time: ${flags.since}`);
    const logger = createLogger(config.server.logLevel, process.stderr);
    const abort = new AbortController();
    const stop = () => abort.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      const report = await forwardFromConfig(config, {
        ...(flags.follow ? { follow: true } : {}),
        ...(since !== undefined ? { since } : {}),
        signal: abort.signal,
        progress: process.stderr,
        logger,
      });
      process.stdout.write(`${JSON.stringify({ event: 'forward-done', ...report })}\n`);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  });
}
