import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import type { Dataset } from '../../../src/simulators/dataset';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';

/** The real gateway on loopback over the eLog and Flux simulators (production datasources, real sockets). */
export interface ElogGateway {
  server: GatewayServer;
  datasources: Datasources;
  /** The gateway's base URL, e.g. `http://127.0.0.1:40123`. */
  origin: string;
  /** POSTs one GraphQL operation; `negotiate` is sent as X-Jobgraph-Elog-Negotiate. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    negotiate?: string,
  ): Promise<{ data?: T; errors?: Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }> }>;
  close(): Promise<void>;
}

/** Starts the gateway with `JOBGRAPH_ELOG_*` pointing at `sim` (plus `env`). */
export async function startElogGateway(
  sim: ElogSimulator,
  dataset: Dataset,
  env: Record<string, string>,
): Promise<ElogGateway> {
  const flux = await startFluxSimulator({ dataset });
  const config = loadConfig({
    env: {
      JOBGRAPH_PORT: '0',
      JOBGRAPH_PLAYGROUND: 'off',
      FLUX_URI: flux.uri,
      JOBGRAPH_ELOG_URL: sim.url,
      JOBGRAPH_ELOG_JID_URL_PREFIXES: sim.jidUrlPrefix,
      ...env,
    },
  });
  const { datasources, policies } = createDatasources(config);
  const server = await createServer({ config, datasources, policies, logger: pino({ level: 'silent' }) });
  const origin = await server.listen();
  const url = `${origin}/graphql`;
  return {
    server,
    datasources,
    origin,
    async query(query, variables, negotiate) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(negotiate ? { 'x-jobgraph-elog-negotiate': negotiate } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as never;
    },
    async close() {
      await server.close(1000);
      await closeDatasources(datasources);
      await flux.close();
    },
  };
}
