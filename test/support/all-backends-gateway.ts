import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources, GATEWAY_BREAKER } from '../../src/datasources/create-datasources';
import type { Datasources } from '../../src/datasources/create-datasources';
import { createBackendPolicy } from '../../src/datasources/resilience/backend-policy';
import { SciagraphDatasource } from '../../src/datasources/sciagraph/sciagraph-datasource';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import type { GatewayServer } from '../../src/server/create-server';
import type { Dataset } from '../../src/simulators/dataset';
import { startFaultyElogSimulator } from './faulty-simulators';
import type { FaultyElogSimulator } from './faulty-simulators';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../src/simulators/flux/flux-simulator';
import { startFaultyJobsAggsSimulator } from './faulty-simulators';
import type { FaultyJobsAggsSimulator } from './faulty-simulators';
import { startSciagraphSimulator } from '../../src/simulators/sciagraph/sciagraph.simulator';
import type { SciagraphSimulator } from '../../src/simulators/sciagraph/sciagraph.simulator';
import { readBreakers } from './breaker-cycle';
import { createFaultyReportFs } from './faulty-report-fs';
import { jsonLinesInto } from './gateway-harness';
import type { FaultyReportFs } from './faulty-report-fs';

/** The real gateway (in this process, on port 0) over every simulator, each with a fault switch. */
export interface AllBackendsGateway {
  flux: FluxSimulator;
  elog: FaultyElogSimulator;
  jobsAggs: FaultyJobsAggsSimulator;
  sciagraph: SciagraphSimulator;
  /** The Sciagraph index's filesystem, with its fault switch. */
  reportFs: FaultyReportFs;
  datasources: Datasources;
  server: GatewayServer;
  /** Base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** An experiment the operator account may read (its hutch's active one). */
  experiment: string;
  /** POSTs `query` to /graphql. */
  query(query: string): Promise<{
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  }>;
  /** GET /readyz: the breaker state of each backend. */
  breakers(): Promise<Record<string, string | undefined>>;
  close(): Promise<void>;
}

/**
 * Starts Flux, eLog (basic auth as the operator), jobs/aggs and Sciagraph (a report root read
 * through {@link createFaultyReportFs}) and the gateway over them, every backend's deadline
 * `deadlineMs`; extra `env` is added to the gateway's environment. With `logs`, the gateway's pino
 * lines (level info) are parsed into it; otherwise it logs nothing.
 */
export async function startAllBackendsGateway(
  dataset: Dataset,
  deadlineMs: number,
  env: Record<string, string> = {},
  options: { logs?: Array<Record<string, unknown>> } = {},
): Promise<AllBackendsGateway> {
  const flux = await startFluxSimulator({ dataset });
  const elog = await startFaultyElogSimulator({ dataset });
  const jobsAggs = await startFaultyJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
  const sciagraph = await startSciagraphSimulator({ dataset });
  const dir = await mkdtemp(join(tmpdir(), 'jobgraph-faults-'));
  const passwordFile = join(dir, 'opr-password');
  await writeFile(passwordFile, `${elog.operatorPassword}\n`);
  const deadline = String(deadlineMs);
  const config = loadConfig({
    env: {
      JOBGRAPH_PORT: '0',
      JOBGRAPH_PLAYGROUND: 'off',
      JOBGRAPH_LOG_LEVEL: 'silent',
      FLUX_URI: flux.uri,
      JOBGRAPH_FLUX_TIMEOUT_MS: deadline,
      JOBGRAPH_ELOG_URL: elog.url,
      JOBGRAPH_ELOG_AUTH: 'basic',
      JOBGRAPH_ELOG_OPR_PASSWORD_FILE: passwordFile,
      JOBGRAPH_ELOG_TIMEOUT_MS: deadline,
      JOBGRAPH_ELOG_WRITE_TIMEOUT_MS: deadline,
      JOBGRAPH_JOBS_API_URL: jobsAggs.url,
      JOBGRAPH_JOBS_API_TOKEN_URL: jobsAggs.tokenUrl,
      JOBGRAPH_JOBS_API_CLIENT_ID: jobsAggs.clientId,
      JOBGRAPH_JOBS_API_CLIENT_SECRET: jobsAggs.clientSecret,
      JOBGRAPH_JOBS_API_TIMEOUT_MS: deadline,
      ...env,
    },
  });
  const reportFs = createFaultyReportFs();
  const reportPolicy = createBackendPolicy('sciagraph', {
    timeoutMs: deadlineMs,
    readAttempts: 2,
    deadlineIncludesQueue: true,
    ...GATEWAY_BREAKER,
  });
  const reports = await SciagraphDatasource.start({
    roots: [sciagraph.root],
    watch: 'poll',
    rescanSeconds: 1,
    logger: pino({ level: 'silent' }),
    fs: reportFs,
    policy: reportPolicy,
  });
  const { datasources, policies } = createDatasources(config, {
    users: createStaticUserDatabase(dataset.users),
    sciagraph: reports,
  });
  policies.sciagraph = { calls: reportPolicy };
  const logger = options.logs ? pino({ level: 'info' }, jsonLinesInto(options.logs)) : pino({ level: 'silent' });
  const server = await createServer({ config, datasources, policies, logger });
  const url = await server.listen();
  const experiment = dataset.experiments.find((e) => e.isActive && e.station === 0)?.name ?? '';
  return {
    flux,
    elog,
    jobsAggs,
    sciagraph,
    reportFs,
    datasources,
    server,
    url,
    experiment,
    async query(query) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as never;
    },
    breakers: () => readBreakers(url),
    async close() {
      await server.close(1_000);
      await closeDatasources(datasources);
      await Promise.all([flux.close(), elog.close(), jobsAggs.close(), sciagraph.close()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
