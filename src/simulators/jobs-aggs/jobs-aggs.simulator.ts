import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NO_INTERCEPTOR } from '../http-interceptor';
import type { HttpInterceptorFactory } from '../http-interceptor';
import { documentsFromDataset } from './jobs-aggs-documents';
import type { JobsAggsSourceDataset } from './jobs-aggs-documents';
import { evaluateAggregation, selectDocuments } from './jobs-aggs-sim-evaluate';
import { DailyQuota } from './jobs-aggs-sim-quota';
import { parseSimulatedQuery, SimulatedBadRequest } from './jobs-aggs-sim-query';
import { SimulatedTokenIssuer } from './jobs-aggs-sim-tokens';
import { readBody, send } from './jobs-aggs-sim-http';
import { answerTokenRequest } from './jobs-aggs-sim-token-route';

/** Options of {@link startJobsAggsSimulator}. */
export interface JobsAggsSimulatorOptions {
  /** The demo dataset (or any value of its shape); one document per job. */
  dataset: JobsAggsSourceDataset;
  /** Accepted client credentials. Defaults `jobgraph-demo` / `demo-secret`. */
  clientId?: string;
  clientSecret?: string;
  /** Token lifetime, s. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Aggs requests per client id per UTC day. Default 100 (demo mode: 1,000,000). */
  dailyQuota?: number;
  /** Emit `total` as `{value, relation: "eq"}` instead of a number. Default false. */
  totalAsObject?: boolean;
  /** Epoch-ms clock for token expiry and quota days. Default `Date.now`. */
  clock?: () => number;
  /** Default 127.0.0.1, port 0. */
  host?: string;
  port?: number;
  /**
   * Test hook: sees every request after it is counted in `stats()` and may answer it (see
   * {@link HttpInterceptor}). Default none.
   */
  interceptor?: HttpInterceptorFactory;
}

/** Counters of what the simulator received. */
export interface JobsAggsSimulatorStats {
  tokenRequests: number;
  aggsRequests: number;
}

/** A running jobs/aggs API simulator (contract §9). */
export interface JobsAggsSimulator {
  /** Base URL for `JOBGRAPH_JOBS_API_URL` (no `/v3`). */
  url: string;
  /** Full URL for `JOBGRAPH_JOBS_API_TOKEN_URL`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  stats(): JobsAggsSimulatorStats;
  /** The aggs request bodies received so far, parsed, oldest first. */
  aggsBodies(): unknown[];
  /** The `User-Agent` of every token and aggs request received so far, oldest first (`''` when absent). */
  userAgents(): string[];
  revokeAll(): void;
  setTokenLifetime(seconds: number): void;
  setDailyQuota(limit: number): void;
  setTotalAsObject(on: boolean): void;
  close(): Promise<void>;
}

/** Starts the simulated vendor API: `POST /oauth2/token` and `POST /v3/jobs/aggs` over the dataset's jobs. */
export async function startJobsAggsSimulator(options: JobsAggsSimulatorOptions): Promise<JobsAggsSimulator> {
  const clock = options.clock ?? Date.now;
  const clientId = options.clientId ?? 'jobgraph-demo';
  const clientSecret = options.clientSecret ?? 'demo-secret';
  const documents = documentsFromDataset(options.dataset);
  const tokens = new SimulatedTokenIssuer(clock);
  const quota = new DailyQuota(options.dailyQuota ?? 100, clock);
  const stats: JobsAggsSimulatorStats = { tokenRequests: 0, aggsRequests: 0 };
  const bodies: unknown[] = [];
  const userAgents: string[] = [];
  let lifetime = options.tokenLifetimeSeconds ?? 3600;
  let totalAsObject = options.totalAsObject ?? false;

  const token = (req: IncomingMessage, res: ServerResponse): Promise<void> =>
    answerTokenRequest(req, res, { clientId, clientSecret, tokens, lifetimeSeconds: lifetime });

  const unauthorized = (res: ServerResponse, description?: string): void =>
    send(
      res,
      401,
      { status_code: 401, detail: 'Invalid or missing token' },
      {
        'www-authenticate': description ? `Bearer error="invalid_token", error_description="${description}"` : 'Bearer',
      },
    );

  const aggs = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const text = await readBody(req);
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer) return unauthorized(res);
    const verdict = await tokens.verify(bearer);
    if ('refused' in verdict) return unauthorized(res, verdict.refused);
    const headerClient = req.headers['client_id'];
    if (typeof headerClient !== 'string')
      return send(res, 400, { status_code: 400, detail: 'Missing client_id header' });
    if (headerClient !== verdict.clientId)
      return send(res, 403, { status_code: 403, detail: 'client_id does not match token' });
    const remaining = quota.consume(verdict.clientId, '/v3/jobs/aggs');
    if (remaining < 0) return send(res, 429, { statusCode: 429, body: { error: 'Rate limit exceeded' } });
    try {
      const body: unknown = JSON.parse(text);
      bodies.push(body);
      const query = parseSimulatedQuery(body);
      const selected = selectDocuments(documents, query);
      const aggregations = Object.fromEntries(
        query.aggs.map(([name, agg]) => [name, evaluateAggregation(selected, agg)]),
      );
      const total = totalAsObject ? { value: selected.length, relation: 'eq' } : selected.length;
      send(res, 200, {
        data: { total, aggregations },
        meta: { api_version: 'v3', rate_limit: { daily_remaining: remaining }, request_id: randomUUID() },
      });
    } catch (error) {
      if (error instanceof SimulatedBadRequest || error instanceof SyntaxError)
        return send(res, 400, { status_code: 400, detail: error.message });
      throw error;
    }
  };

  const server = createServer((req, res) => {
    const route =
      req.method === 'POST' && req.url === '/oauth2/token'
        ? 'token'
        : req.method === 'POST' && req.url === '/v3/jobs/aggs'
          ? 'aggs'
          : undefined;
    if (route) userAgents.push(req.headers['user-agent'] ?? '');
    if (route === 'token') stats.tokenRequests += 1;
    if (route === 'aggs') stats.aggsRequests += 1;
    const handle = async (): Promise<void> => {
      if (await intercept(req, res)) return;
      if (!route) return send(res, 404, { status_code: 404, detail: 'Not Found' });
      return route === 'token' ? token(req, res) : aggs(req, res);
    };
    handle().catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { status_code: 500, detail: error instanceof Error ? error.message : 'Internal Server Error' });
    });
  });
  const intercept = options.interceptor?.(server) ?? NO_INTERCEPTOR;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const base = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  return {
    url: base,
    tokenUrl: `${base}/oauth2/token`,
    clientId,
    clientSecret,
    stats: () => ({ ...stats }),
    aggsBodies: () => [...bodies],
    userAgents: () => [...userAgents],
    revokeAll: () => tokens.revokeAll(),
    setTokenLifetime: (seconds) => (lifetime = seconds),
    setDailyQuota: (limit) => (quota.limit = limit),
    setTotalAsObject: (on) => (totalAsObject = on),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
