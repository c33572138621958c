import type { ElasticConfig } from '../config/elastic.config';
import type { ElasticDatasource } from '../datasources/elastic/elastic-datasource';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { ElogJobLinkKeys } from '../datasources/elog/elog-job-link';
import { followJobs } from './follow-jobs';
import { forwardJobs } from './forward-jobs';
import type { ForwardReport } from './forward-jobs';
import { createProgressReporter } from './progress-reporter';

/** What `jobgraph forward` and the `forwardJobs` mutation hand to {@link runForwarder}. */
export interface RunForwarderOptions {
  flux: FluxDatasource;
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
  /** Flux instance: watermark id and `source.instance` (the FLUX_URI). */
  instance: string;
  /** Keep forwarding as jobs finish until `signal` aborts. */
  follow?: boolean;
  /** Restart from this t_inactive (epoch seconds) instead of the stored watermark; one pass only. */
  since?: number;
  signal?: AbortSignal;
  /** Where progress goes: a bar on a TTY, JSON lines otherwise; none when absent. */
  progress?: NodeJS.WriteStream;
  resolveUserNames?: (uids: readonly number[]) => Promise<ReadonlyMap<number, string>>;
  /** User-attribute names of experiment and run (the eLog config section's); default `experiment`, `run`. */
  linkKeys?: ElogJobLinkKeys;
  /** Failed passes in follow mode (the loop retries after the interval). */
  onError?: (error: unknown) => void;
}

/**
 * Installs the index template and watermark index, then forwards once (returning the pass's
 * report) or, with `follow`, until the signal aborts (returning the sum of the passes); a
 * follower started while Elasticsearch is unreachable reports it and keeps trying.
 */
export async function runForwarder(options: RunForwarderOptions): Promise<ForwardReport> {
  // A follower outlives Elasticsearch restarts, and its start too: setup is retried with the passes.
  if (!options.follow) await options.elastic.ensureIndices();
  const reporter = options.progress ? createProgressReporter(options.progress) : undefined;
  const pass = {
    flux: options.flux,
    elastic: options.elastic,
    instance: options.instance,
    batchSize: options.config.forwardBatchSize,
    lookupConcurrency: options.config.forwardLookupConcurrency,
    bulksInFlight: options.config.forwardBulksInFlight,
    windowJobs: options.config.forwardWindowJobs,
    environment: options.config.forwardEnvironment,
    ...(options.resolveUserNames ? { resolveUserNames: options.resolveUserNames } : {}),
    ...(options.linkKeys ? { linkKeys: options.linkKeys } : {}),
    ...(reporter ? { onProgress: reporter.listener } : {}),
  };
  try {
    if (!options.follow) {
      return await forwardJobs({
        ...pass,
        ...(options.since !== undefined ? { since: options.since } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }
    const started = Date.now();
    const total: ForwardReport = { forwarded: 0, since: 0, previousSince: 0, elapsedMs: 0, jobsPerSecond: 0 };
    await followJobs({
      ...pass,
      signal: options.signal ?? new AbortController().signal,
      intervalMs: options.config.followIntervalMs,
      prepare: () => options.elastic.ensureIndices(),
      ...(options.onError ? { onError: options.onError } : {}),
      onPass: (report) => {
        if (total.forwarded === 0) total.previousSince = report.previousSince;
        total.forwarded += report.forwarded;
        total.since = report.since;
      },
    });
    total.elapsedMs = Date.now() - started;
    total.jobsPerSecond = (total.forwarded * 1000) / Math.max(1, total.elapsedMs);
    return total;
  } finally {
    reporter?.stop();
  }
}
