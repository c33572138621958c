import { z } from 'zod';

/**
 * Elasticsearch (job history, aggregations, forwarder). History is disabled while `url` is unset:
 * its fields then fail with UPSTREAM_UNAVAILABLE "not configured".
 */
export const elasticConfigSchema = z.object({
  /** Cluster URL, e.g. `http://127.0.0.1:9200`. Env JOBGRAPH_ELASTICSEARCH_URL. Default: unset (disabled). */
  url: z.url().optional(),
  /** Read/write alias of the job-history index; one per Flux instance. Env JOBGRAPH_ELASTICSEARCH_INDEX. Default `flux-jobs`. */
  index: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case index name').default('flux-jobs'),
  /** Index holding the forwarder's watermark documents. Env JOBGRAPH_ELASTICSEARCH_STATE_INDEX. Default `jobgraph-forwarder-state`. */
  stateIndex: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, 'lower-case index name').default('jobgraph-forwarder-state'),
  /** Deadline of one gateway request to the cluster, ms. Env JOBGRAPH_ELASTICSEARCH_REQUEST_TIMEOUT_MS. Default 10000. */
  requestTimeoutMs: z.coerce.number().int().positive().default(10_000),
  /** Deadline of one bulk request of the forwarder, ms. Env JOBGRAPH_ELASTICSEARCH_BULK_TIMEOUT_MS. Default 60000. */
  bulkTimeoutMs: z.coerce.number().int().positive().default(60_000),
  /** Lifetime of a jobHistory point in time between pages. Env JOBGRAPH_ELASTICSEARCH_PIT_KEEP_ALIVE. Default `5m`. */
  pitKeepAlive: z.string().regex(/^\d+(ms|s|m|h)$/, 'an Elasticsearch time value like 5m').default('5m'),
  /** Jobs per forwarder batch (one bulk request, one watermark step). Env JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE. Default 1000. */
  forwardBatchSize: z.coerce.number().int().min(1).max(10_000).default(1000),
  /** job-info lookups in flight while forwarding. Env JOBGRAPH_ELASTICSEARCH_FORWARD_LOOKUP_CONCURRENCY. Default 256. */
  forwardLookupConcurrency: z.coerce.number().int().min(1).max(4096).default(256),
  /** Environment variables copied from J into history documents. Env JOBGRAPH_ELASTICSEARCH_FORWARD_ENVIRONMENT (comma-separated). Default `EXPERIMENT,RUN_NUM`. */
  forwardEnvironment: z
    .union([z.string().transform((value) => value.split(',').map((name) => name.trim()).filter(Boolean)), z.array(z.string())])
    .default(['EXPERIMENT', 'RUN_NUM']),
  /** Poll interval of `jobgraph forward --follow`, ms. Env JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS. Default 2000. */
  followIntervalMs: z.coerce.number().int().min(100).default(2000),
});

/** The resolved Elasticsearch section. */
export type ElasticConfig = z.infer<typeof elasticConfigSchema>;

/** Environment variable → key of {@link elasticConfigSchema}. */
export const elasticEnvVars = {
  JOBGRAPH_ELASTICSEARCH_URL: 'url',
  JOBGRAPH_ELASTICSEARCH_INDEX: 'index',
  JOBGRAPH_ELASTICSEARCH_STATE_INDEX: 'stateIndex',
  JOBGRAPH_ELASTICSEARCH_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  JOBGRAPH_ELASTICSEARCH_BULK_TIMEOUT_MS: 'bulkTimeoutMs',
  JOBGRAPH_ELASTICSEARCH_PIT_KEEP_ALIVE: 'pitKeepAlive',
  JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE: 'forwardBatchSize',
  JOBGRAPH_ELASTICSEARCH_FORWARD_LOOKUP_CONCURRENCY: 'forwardLookupConcurrency',
  JOBGRAPH_ELASTICSEARCH_FORWARD_ENVIRONMENT: 'forwardEnvironment',
  JOBGRAPH_ELASTICSEARCH_FOLLOW_INTERVAL_MS: 'followIntervalMs',
} as const satisfies Record<string, keyof ElasticConfig>;
