import type { FastifyInstance, FastifyRequest } from 'fastify';
import { backendsOf } from '../datasources/create-datasources';
import type { BackendPolicies, Datasources } from '../datasources/create-datasources';
import { JobgraphError, publicMessageOf } from '../errors';

/** One backend's line in `/readyz`. */
export interface BackendReadiness {
  status: 'up' | 'down';
  latencyMs: number;
  /** Why it is down, in words ("Flux is unreachable"): never an address, path or command. */
  error?: string;
  /** The error's own message (addresses, paths, errno), for operators only. */
  diagnostic?: string;
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
    const diagnostic = error instanceof Error ? error.message : String(error);
    return {
      status: 'down',
      latencyMs: Math.round(performance.now() - started),
      error: publicReason(error, diagnostic),
      diagnostic,
      ...(typeof code === 'string' ? { code } : {}),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** What anyone may read of a failed ping: a typed error's public message, the probe's own timeout, else a fixed text. */
function publicReason(error: unknown, diagnostic: string): string {
  if (error instanceof JobgraphError) return publicMessageOf(error);
  if ((error as { code?: unknown }).code === 'UPSTREAM_TIMEOUT') return diagnostic;
  return 'the reachability check failed';
}

/**
 * `GET /healthz`: 200 while the process runs. `GET /readyz`: pings every configured backend
 * at once; 200 `{"status":"ready","backends":{…}}` when all are up, else 503 with
 * `"status":"unavailable"`. Neither is logged per request; a down backend's detail is logged
 * (`backend down`, with the request id) when it changes. The detail is in the answer (`diagnostic`)
 * only for a caller `isOperator` recognises; probes without credentials get the worded reason. Each
 * backend with a fault policy in `policies` also shows its `breaker` (and `writeBreaker` when its
 * writes have their own).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  datasources: Datasources,
  isOperator: (request: FastifyRequest) => Promise<boolean> = async () => false,
  policies: BackendPolicies = {},
): void {
  const lastLogged = new Map<string, string>();
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    const backends = backendsOf(datasources);
    const operator = await isOperator(request).catch(() => false);
    const results = await Promise.all(
      backends.map(async ([name, ds]) => {
        const { diagnostic, ...readiness } = await probe(() => ds.ping());
        if (diagnostic !== lastLogged.get(name)) {
          if (diagnostic !== undefined) request.log.warn({ backend: name, diagnostic }, 'backend down');
          lastLogged.set(name, diagnostic ?? '');
        }
        const policy = policies[name as keyof Datasources];
        return [
          name,
          {
            ...readiness,
            ...(operator && diagnostic !== undefined ? { diagnostic } : {}),
            ...(policy ? { breaker: policy.calls.breakerState() } : {}),
            ...(policy?.writes ? { writeBreaker: policy.writes.breakerState() } : {}),
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
