import type { ElasticConfig } from '../config/elastic.config';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import { followJobs } from './follow-jobs';
import { forwardJobs } from './forward-jobs';
import type { ForwardReport } from './forward-jobs';
import { createProgressReporter } from './progress-reporter';

/** One Flux cluster to forward: its name (watermark, `cluster`, document id prefix), datasource and URI. */
export interface ForwardCluster {
  name: string;
  flux: FluxDatasource;
  /** `source.instance`, and the id of a watermark written before clusters existed (taken over). */
  uri?: string;
}

/** What `jobgraph forward` and the `forwardJobs` mutation hand to {@link runForwarder}. */
export interface RunForwarderOptions {
  /** Every cluster to forward; each keeps its own watermark. */
  clusters: readonly ForwardCluster[];
  elastic: ElasticDatasource;
  /** The `elastic` config section (batch size, lookup concurrency, environment allow-list, follow interval). */
  config: Pick<
    ElasticConfig,
    | 'forwardBatchSize'
    | 'forwardLookupConcurrency'
    | 'forwardBulksInFlight'
    | 'forwardWindowJobs'
    | 'forwardEnvironment'
    | 'followIntervalMs'
  >;
  /** Keep forwarding as jobs finish until `signal` aborts. */
  follow?: boolean;
  /** Restart from this t_inactive (epoch seconds) instead of the stored watermarks; one pass only. */
  since?: number;
  signal?: AbortSignal;
  /** Where progress goes: a bar on a TTY, JSON lines otherwise; none when absent. */
  progress?: NodeJS.WriteStream;
  resolveUserNames?: (uids: readonly number[]) => Promise<ReadonlyMap<number, string>>;
  /** User-attribute names of experiment and run (the eLog config section's); default `experiment`, `run`. */
  linkKeys?: ElogJobLinkKeys;
  /** Failed passes in follow mode (the loop retries after the interval), with the cluster whose pass failed. */
  onError?: (error: unknown, cluster: string) => void;
}

/** The reports of several clusters' passes as one: counts and rates added, watermarks the lowest. */
function sumReports(reports: readonly ForwardReport[], elapsedMs: number): ForwardReport {
  const forwarded = reports.reduce((n, report) => n + report.forwarded, 0);
  return {
    forwarded,
    since: Math.min(...reports.map((report) => report.since)),
    previousSince: Math.min(...reports.map((report) => report.previousSince)),
    elapsedMs,
    jobsPerSecond: (forwarded * 1000) / Math.max(1, elapsedMs),
  };
}

/**
 * Installs the index template and watermark index, then forwards every cluster, each from its
 * own watermark and all at once: one pass (the sum of the clusters' reports; a cluster that
 * fails makes it reject after the others finished) or, with `follow`, until the signal aborts,
 * each cluster in its own loop, so one cluster down delays no other. A follower started while
 * Elasticsearch is unreachable reports it and keeps trying.
 */
export async function runForwarder(options: RunForwarderOptions): Promise<ForwardReport> {
  // A follower outlives Elasticsearch restarts, and its start too: setup is retried with the passes.
  if (!options.follow) await options.elastic.ensureIndices();
  const reporter = options.progress ? createProgressReporter(options.progress) : undefined;
  const started = Date.now();
  const passOf = (cluster: ForwardCluster) => ({
    flux: cluster.flux,
    elastic: options.elastic,
    cluster: cluster.name,
    ...(cluster.uri !== undefined ? { uri: cluster.uri } : {}),
    batchSize: options.config.forwardBatchSize,
    lookupConcurrency: options.config.forwardLookupConcurrency,
    bulksInFlight: options.config.forwardBulksInFlight,
    windowJobs: options.config.forwardWindowJobs,
    environment: options.config.forwardEnvironment,
    ...(options.resolveUserNames ? { resolveUserNames: options.resolveUserNames } : {}),
    ...(options.linkKeys ? { linkKeys: options.linkKeys } : {}),
    ...(reporter ? { onProgress: reporter.listener } : {}),
  });
  try {
    if (!options.follow) {
      const passes = await Promise.allSettled(
        options.clusters.map((cluster) =>
          forwardJobs({
            ...passOf(cluster),
            ...(options.since !== undefined ? { since: options.since } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          }),
        ),
      );
      const failed = passes.find((pass): pass is PromiseRejectedResult => pass.status === 'rejected');
      if (failed) throw failed.reason;
      return sumReports(
        passes.map((pass) => (pass as PromiseFulfilledResult<ForwardReport>).value),
        Date.now() - started,
      );
    }
    const totals = await Promise.all(
      options.clusters.map(async (cluster) => {
        const total: ForwardReport = { forwarded: 0, since: 0, previousSince: 0, elapsedMs: 0, jobsPerSecond: 0 };
        await followJobs({
          ...passOf(cluster),
          signal: options.signal ?? new AbortController().signal,
          intervalMs: options.config.followIntervalMs,
          prepare: () => options.elastic.ensureIndices(),
          ...(options.onError ? { onError: (error: unknown) => options.onError?.(error, cluster.name) } : {}),
          onPass: (report) => {
            if (total.forwarded === 0) total.previousSince = report.previousSince;
            total.forwarded += report.forwarded;
            total.since = report.since;
          },
        });
        return total;
      }),
    );
    return sumReports(totals, Date.now() - started);
  } finally {
    reporter?.stop();
  }
}
