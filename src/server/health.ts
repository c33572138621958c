import type { FastifyInstance } from 'fastify';
import { backendsOf } from '../datasources/create-datasources';
import type { Datasources } from '../datasources/create-datasources';

/** One backend's line in `/readyz`. */
export interface BackendReadiness {
  status: 'up' | 'down';
  latencyMs: number;
  /** Why it is down (the error message; never secrets). */
  error?: string;
  code?: string;
  /** The backend's circuit breaker, when it has a fault policy: closed, open, half-open. */
  breaker?: string;
}

/** How long /readyz waits for one backend's ping, ms. */
export const READINESS_TIMEOUT_MS = 3_000;

async function probe(ping: () => Promise<void>): Promise<BackendReadiness> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              Object.assign(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`), { code: 'UPSTREAM_TIMEOUT' }),
            ),
          READINESS_TIMEOUT_MS,
        );
      }),
    ]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
      ...(typeof code === 'string' ? { code } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: 200 while the process runs. `GET /readyz`: pings every configured backend
 * at once; 200 `{"status":"ready","backends":{…}}` when all are up, else 503 with
 * `"status":"unavailable"`. Neither is logged per request.
 */
export function registerHealthRoutes(app: FastifyInstance, datasources: Datasources): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const backends = backendsOf(datasources);
    const results = await Promise.all(
      backends.map(async ([name, ds]) => {
        const readiness = await probe(() => ds.ping());
        const policy = datasources.policies?.[name];
        const writes = datasources.policies?.[`${name}Writes`];
        return [
          name,
          {
            ...readiness,
            ...(policy ? { breaker: policy.breakerState() } : {}),
            ...(writes ? { writeBreaker: writes.breakerState() } : {}),
          },
        ] as const;
      }),
    );
    const ready = results.every(([, r]) => r.status === 'up');
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'unavailable', backends: Object.fromEntries(results) });
  });
}
