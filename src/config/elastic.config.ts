import { z } from 'zod';
import { envInt, envList } from './env-value';

const indexName = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'a lower-case Elasticsearch index name');

/**
 * Elasticsearch: job history, its aggregations and the Flux→Elasticsearch forwarder (contract
 * elasticsearch.md). History is disabled while `url` is unset: its fields then fail with
 * UPSTREAM_UNAVAILABLE "not configured" and `jobgraph forward` refuses to start.
 */
export const elasticConfigSchema = z.object({
  /** Cluster URL, e.g. `http://127.0.0.1:9200` (`JOBGRAPH_ELASTICSEARCH_URL`; default unset = disabled). */
  url: z.url().optional().describe('Elasticsearch URL of the job history; unset disables history'),
  /** Read/write alias of the job history, one per Flux instance (`JOBGRAPH_ELASTICSEARCH_INDEX`, default `flux-jobs`). */
  index: indexName.default('flux-jobs').describe('job history alias (indices <alias>-000001, …)'),
  /** Index of the forwarder's watermarks (`JOBGRAPH_ELASTICSEARCH_STATE_INDEX`, default `jobgraph-forwarder-state`). */
  stateIndex: indexName
    .default('jobgraph-forwarder-state')
    .describe('index holding the forwarder watermark per Flux instance'),
  /** Deadline of one gateway request to the cluster in ms (`JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS`, default 10000). */
  timeoutMs: envInt(1, 600_000).default(10_000).describe('deadline of one Elasticsearch request, ms'),
  /** Lifetime of a jobHistory point in time between two pages (`JOBGRAPH_ELASTICSEARCH_PIT_KEEP_ALIVE`, default `5m`). */
  pitKeepAlive: z
    .string()
    .regex(/^\d+(ms|s|m|h)$/, 'an Elasticsearch time value like 5m')
    .default('5m')
    .describe('how long a jobHistory cursor stays on its snapshot between pages'),
  /** Jobs per bulk request and watermark step (`JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE`, default 1000). */
  forwardBatchSize: envInt(1, 10_000).default(1000).describe('jobs per forwarder bulk request'),
  /** job-info lookups in flight while forwarding (`JOBGRAPH_ELASTICSEARCH_FORWARD_LOOKUP_CONCURRENCY`, default 256). */
  forwardLookupConcurrency: envInt(1, 4096).default(256).describe('job-info lookups in flight while forwarding'),
  /** Bulk requests in flight while forwarding (`JOBGRAPH_ELASTICSEARCH_FORWARD_BULKS_IN_FLIGHT`, default 2: one being indexed per core of a small node while the next is sent). */
  forwardBulksInFlight: envInt(1, 64).default(2).describe('forwarder bulk requests in flight'),
  /** Jobs one forwarder listing keeps in memory, ~1 KB each (`JOBGRAPH_ELASTICSEARCH_FORWARD_WINDOW_JOBS`, default 100000): a larger backfill is stored oldest first in several listings. */
  forwardWindowJobs: envInt(1000, 100_000_000)
    .default(100_000)
    .describe('jobs one forwarder listing holds in memory; more are forwarded by further listings, oldest first'),
  /** J environment variables copied into history documents, comma-separated (`JOBGRAPH_ELASTICSEARCH_FORWARD_ENVIRONMENT`, default `EXPERIMENT,RUN_NUM`). */
  forwardEnvironment: envList(',')
    .default(['EXPERIMENT', 'RUN_NUM'])
    .describe('environment variables (allow-list) stored with each forwarded job'),
  /** Pause between passes of `jobgraph forward --follow` in ms (`JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS`, default 2000). */
  followIntervalMs: envInt(100, 3_600_000).default(2000).describe('pause between forwarder passes with --follow, ms'),
});

/** The resolved `elastic` section. */
export type ElasticConfig = z.infer<typeof elasticConfigSchema>;

/** Environment variables of the `elastic` section → its keys. */
export const elasticEnvVars = {
  JOBGRAPH_ELASTICSEARCH_URL: 'url',
  JOBGRAPH_ELASTICSEARCH_INDEX: 'index',
  JOBGRAPH_ELASTICSEARCH_STATE_INDEX: 'stateIndex',
  JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS: 'timeoutMs',
  JOBGRAPH_ELASTICSEARCH_PIT_KEEP_ALIVE: 'pitKeepAlive',
  JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE: 'forwardBatchSize',
  JOBGRAPH_ELASTICSEARCH_FORWARD_LOOKUP_CONCURRENCY: 'forwardLookupConcurrency',
  JOBGRAPH_ELASTICSEARCH_FORWARD_BULKS_IN_FLIGHT: 'forwardBulksInFlight',
  JOBGRAPH_ELASTICSEARCH_FORWARD_WINDOW_JOBS: 'forwardWindowJobs',
  JOBGRAPH_ELASTICSEARCH_FORWARD_ENVIRONMENT: 'forwardEnvironment',
  JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS: 'followIntervalMs',
} as const satisfies Record<string, keyof ElasticConfig>;
