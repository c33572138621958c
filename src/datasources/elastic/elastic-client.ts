import { Client } from '@elastic/elasticsearch';

/** Options of {@link createElasticClient}. */
export interface ElasticClientOptions {
  url: string;
  /** Per-request deadline, ms. */
  requestTimeoutMs: number;
  /** The client's own retries (connection errors and 502/503/504). The gateway uses 1, the forwarder 0 (it has its own loop). */
  maxRetries: number;
}

/** The largest answer the client reads, bytes (64 MiB): a runaway body fails its call instead of the process. */
export const MAX_ELASTIC_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * One process-wide client. Liveness is checked with `cluster.health`, never `ping()`/`info()`:
 * the test distribution answers `GET /` and `HEAD /` with 405.
 */
export function createElasticClient(options: ElasticClientOptions): Client {
  return new Client({
    node: options.url,
    requestTimeout: options.requestTimeoutMs,
    maxRetries: options.maxRetries,
    compression: false,
    maxResponseSize: MAX_ELASTIC_RESPONSE_BYTES,
  });
}
