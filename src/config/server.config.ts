import { z } from 'zod';
import { envBoolean, envInt, envList } from './env-value';

/** The gateway process itself: where it listens, logging, playground, shutdown. */
export const serverConfigSchema = z.object({
  /** TCP port (`JOBGRAPH_PORT`, default 4000; 0 = any free port). */
  port: envInt(0, 65535).default(4000).describe('TCP port the gateway listens on (0 = any free port)'),
  /** Interface to bind (`JOBGRAPH_HOST`, default `127.0.0.1`). */
  host: z.string().min(1).default('127.0.0.1').describe('interface the gateway binds to'),
  /** Serve the offline GraphQL playground at `/graphql` in browsers (`JOBGRAPH_PLAYGROUND`, default on). */
  playground: envBoolean().default(true).describe('serve the offline GraphQL playground'),
  /**
   * Browser origins allowed to call the API cross-origin (CORS), e.g. `https://dash.example.org`;
   * `JOBGRAPH_CORS_ORIGINS`, comma-separated, default none (same-origin only).
   */
  corsOrigins: envList(',')
    .default([])
    .describe('browser origins allowed to call the API cross-origin (comma-separated)'),
  /**
   * Serve the schema as an Apollo Federation v2 subgraph (`JOBGRAPH_FEDERATION`, default off): adds
   * `_service { sdl }` and `_entities` for a router (docs/federation.md). Off, the schema is exactly
   * `schema.graphql`; on, it is `subgraph.graphql`.
   */
  federation: envBoolean()
    .default(false)
    .describe('serve the schema as a Federation v2 subgraph (_service, _entities)'),
  /**
   * OTLP/HTTP endpoint traces are exported to, e.g. `http://otel-collector:4318` (`/v1/traces` is
   * appended); `JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT`, default unset = tracing off (docs/federation.md).
   */
  otlpEndpoint: z.url().optional().describe('OTLP/HTTP endpoint traces are exported to (unset: tracing off)'),
  /** The standard `OTEL_EXPORTER_OTLP_ENDPOINT`, used when `JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT` is unset. */
  otelExporterOtlpEndpoint: z
    .url()
    .optional()
    .describe('standard OpenTelemetry endpoint, used when JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT is unset'),
  /**
   * What executes GraphQL operations (`JOBGRAPH_EXECUTOR`, default `jit`): `jit` compiles each
   * document once with graphql-jit (the shapes it gets wrong still run on graphql-js, counted in
   * `/metrics`); `graphql-js` runs graphql-js's `execute` for everything (diagnosis). The default by
   * measurement, docs/performance.md.
   */
  executor: z.enum(['jit', 'graphql-js']).default('jit').describe('GraphQL execution engine: jit or graphql-js'),
  /** Compress responses (gzip, brotli, deflate) for clients that accept it (`JOBGRAPH_COMPRESSION`, default on). */
  compression: envBoolean().default(true).describe('compress responses for clients that accept it'),
  /** pino level (`JOBGRAPH_LOG_LEVEL`, default `info`). */
  logLevel: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  /** Time given to in-flight requests on SIGTERM/SIGINT before connections are cut (`JOBGRAPH_SHUTDOWN_TIMEOUT_MS`, ms, default 10000). */
  shutdownTimeoutMs: envInt(0, 600_000)
    .default(10_000)
    .describe('ms in-flight requests get to finish on SIGTERM/SIGINT'),
  /**
   * Messages that may wait for one subscriber (WebSocket or SSE) before it is dropped with
   * SLOW_CONSUMER (`JOBGRAPH_SUBSCRIPTION_MAX_BACKLOG`, default 1000).
   */
  subscriptionMaxBacklog: envInt(1, 1_000_000)
    .default(1000)
    .describe('messages that may wait for one subscriber before it is dropped with SLOW_CONSUMER'),
});

/** Environment variables of the `server` section → its keys. */
export const serverEnvVars = {
  JOBGRAPH_PORT: 'port',
  JOBGRAPH_HOST: 'host',
  JOBGRAPH_PLAYGROUND: 'playground',
  JOBGRAPH_CORS_ORIGINS: 'corsOrigins',
  JOBGRAPH_FEDERATION: 'federation',
  JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT: 'otlpEndpoint',
  OTEL_EXPORTER_OTLP_ENDPOINT: 'otelExporterOtlpEndpoint',
  JOBGRAPH_EXECUTOR: 'executor',
  JOBGRAPH_COMPRESSION: 'compression',
  JOBGRAPH_LOG_LEVEL: 'logLevel',
  JOBGRAPH_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  JOBGRAPH_SUBSCRIPTION_MAX_BACKLOG: 'subscriptionMaxBacklog',
} as const satisfies Record<string, keyof z.infer<typeof serverConfigSchema>>;
