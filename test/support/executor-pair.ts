import pino from 'pino';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources } from '../../src/datasources/create-datasources';
import type { Datasources } from '../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import type { GatewayServer } from '../../src/server/create-server';
import type { Dataset } from '../../src/simulators/dataset/dataset.types';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';

/** Two gateways over one Flux simulator and one set of datasources: graphql-js and the compiled path. */
export interface ExecutorPair {
  datasources: Datasources;
  /** JOBGRAPH_EXECUTOR=graphql-js. */
  reference: GatewayServer;
  /** JOBGRAPH_EXECUTOR=jit. */
  compiled: GatewayServer;
  /** A silent logger, for contexts built beside the servers. */
  logger: pino.Logger;
  close(): Promise<void>;
}

/** Starts a Flux simulator on `dataset` and the two gateways the executor tests compare. */
export async function startExecutorPair(dataset: Dataset): Promise<ExecutorPair> {
  const logger = pino({ level: 'silent' });
  const sim = await startFluxSimulator({ dataset });
  const env = { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: sim.uri };
  const { datasources } = createDatasources(loadConfig({ env }), { users: createStaticUserDatabase(dataset.users) });
  const server = (executor: string) =>
    createServer({ config: loadConfig({ env: { ...env, JOBGRAPH_EXECUTOR: executor } }), datasources, logger });
  const reference = await server('graphql-js');
  const compiled = await server('jit');
  return {
    datasources,
    reference,
    compiled,
    logger,
    close: async () => {
      await reference.close(1_000);
      await compiled.close(1_000);
      await closeDatasources(datasources);
      await sim.close();
    },
  };
}
