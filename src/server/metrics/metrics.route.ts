import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';

/** Path of the Prometheus scrape endpoint. */
export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics`: the registry in Prometheus text format, unauthenticated like /readyz (scrapers
 * do not come through the users' reverse proxy). It names backends, methods, error codes and
 * Sciagraph report roots, never callers, jobs or secrets; keep it off the public listener.
 */
export function registerMetricsRoute(app: FastifyInstance, registry: Registry): void {
  app.get(METRICS_PATH, async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
