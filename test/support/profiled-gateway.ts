import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources } from '../../src/datasources/create-datasources';
import type { Datasources } from '../../src/datasources/create-datasources';
import { SciagraphDatasource } from '../../src/datasources/sciagraph/sciagraph-datasource';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import type { GatewayServer } from '../../src/server/create-server';
import type { Dataset } from '../../src/simulators/dataset';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../src/simulators/flux/flux-simulator';
import { writeReportsWithFaults } from './sciagraph-faults.writer';
import type { WrittenReportsWithFaults } from './sciagraph-faults.writer';
import { captureLogger, tempDir } from '../fixtures/sciagraph/sciagraph-test-kit';
import { jsonLinesInto } from './gateway-harness';

/** The real gateway on port 0 over a Flux simulator and a Sciagraph index of reports written for the dataset. */
export interface ProfiledGateway {
  flux: FluxSimulator;
  sciagraph: SciagraphDatasource;
  written: WrittenReportsWithFaults;
  datasources: Datasources;
  server: GatewayServer;
  /** Base URL, e.g. http://127.0.0.1:41234. */
  base: string;
  /** The gateway's pino lines, parsed (info level). */
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * Writes Sciagraph reports for `dataset` (with the hostile entries when `faults`), starts the Flux
 * simulator over it and the gateway against both, with user names from the dataset and `env` added
 * to the configuration.
 */
export async function startProfiledGateway(
  dataset: Dataset,
  options: { seed: number; faults?: boolean; env?: Record<string, string> },
): Promise<ProfiledGateway> {
  const dir = await tempDir('jobgraph-profiled-');
  const written = await writeReportsWithFaults({
    root: join(dir.path, 'reports'),
    dataset,
    seed: options.seed,
    faults: options.faults ?? false,
  });
  const flux = await startFluxSimulator({ dataset });
  const config = loadConfig({
    env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: flux.uri, ...options.env },
  });
  const sciagraph = await SciagraphDatasource.start({
    roots: [join(dir.path, 'reports')],
    watch: 'poll',
    rescanSeconds: 3600,
    logger: captureLogger().logger,
    now: () => dataset.now * 1000,
  });
  const { datasources, policies } = createDatasources(config, {
    sciagraph,
    users: createStaticUserDatabase(dataset.users),
  });
  const logs: Array<Record<string, unknown>> = [];
  const server = await createServer({
    config,
    datasources,
    policies,
    logger: pino({ level: 'info' }, jsonLinesInto(logs)),
  });
  const base = await server.listen();
  return {
    flux,
    sciagraph,
    written,
    datasources,
    server,
    base,
    logs,
    async close() {
      await server.close(1000);
      await closeDatasources(datasources);
      await flux.close();
      await dir.remove();
    },
  };
}
