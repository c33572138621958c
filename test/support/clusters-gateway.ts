import pino from 'pino';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources } from '../../src/datasources/create-datasources';
import type { Datasources } from '../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import type { GatewayServer } from '../../src/server/create-server';
import type { Dataset } from '../../src/simulators/dataset';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { FluxSimulator, FluxSimulatorOptions } from '../../src/simulators/flux/flux-simulator';
import { jsonLinesInto, postGraphQL } from './gateway-harness';
import type { GraphQLBody } from './gateway-harness';

/** The real gateway on port 0 with `JOBGRAPH_FLUX_CLUSTERS` naming one Flux simulator per cluster. */
export interface ClustersGateway {
  sims: Record<string, FluxSimulator>;
  server: GatewayServer;
  datasources: Datasources;
  url: string;
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLBody<T> }>;
  close(): Promise<void>;
}

/** Starts one simulator per entry of `clusters` (in that order) and the gateway against all of them. */
export async function startClustersGateway(
  clusters: Record<string, { dataset: Dataset; sim?: Partial<FluxSimulatorOptions> }>,
  env: Record<string, string> = {},
): Promise<ClustersGateway> {
  const sims: Record<string, FluxSimulator> = {};
  for (const [name, { dataset, sim }] of Object.entries(clusters))
    sims[name] = await startFluxSimulator({ dataset, ...sim });
  const config = loadConfig({
    env: {
      JOBGRAPH_PORT: '0',
      JOBGRAPH_PLAYGROUND: 'off',
      JOBGRAPH_FLUX_TIMEOUT_MS: '5000',
      JOBGRAPH_FLUX_CLUSTERS: Object.entries(sims)
        .map(([name, sim]) => `${name}=${sim.uri}`)
        .join(','),
      ...env,
    },
  });
  const users = Object.values(clusters).flatMap(({ dataset }) => dataset.users);
  const { datasources, policies } = createDatasources(config, { users: createStaticUserDatabase(users) });
  const server = await createServer({
    config,
    datasources,
    policies,
    logger: pino({ level: 'warn' }, jsonLinesInto([])),
  });
  const url = await server.listen();
  return {
    sims,
    server,
    datasources,
    url,
    query: (query, variables) => postGraphQL(url, query, variables),
    async close() {
      await server.close(1_000);
      await closeDatasources(datasources);
      await Promise.all(Object.values(sims).map((sim) => sim.close()));
    },
  };
}
