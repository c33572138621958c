import { Client } from '@elastic/elasticsearch';

/** Options of {@link createElasticClient}. */
export interface ElasticClientOptions {
  url: string;
  /** Per-request deadline, ms. */
  requestTimeoutMs: number;
  /** The client's own retries (connection errors and 502/503/504). The gateway uses 1, the forwarder 0 (it has its own loop). */
  maxRetries: number;
}

/**
 * One process-wide client. Liveness is checked with `cluster.health`, never `ping()`/`info()`:
 * the test distribution answers `GET /` and `HEAD /` with 405.
 */
export function createElasticClient(options: ElasticClientOptions): Client {
  return new Client({ node: options.url, requestTimeout: options.requestTimeoutMs, maxRetries: options.maxRetries, compression: false });
}
