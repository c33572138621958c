import pino from 'pino';
import { loadConfig } from '../../src/config';
import { closeDatasources, createDatasources } from '../../src/datasources/create-datasources';
import type { Datasources } from '../../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../../src/datasources/users/static-user-database';
import { createServer } from '../../src/server/create-server';
import type { GatewayServer } from '../../src/server/create-server';
import type { Dataset } from '../../src/simulators/dataset';
import { startElogSimulator } from '../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../src/simulators/elog/elog-simulator';
import { startFluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../src/simulators/flux/flux-simulator';
import type { GraphQLBody } from './gateway-harness';
import { proxyHeaderCallers } from './test-callers';
import type { TestCallers } from './test-callers';

/**
 * The gateway in eLog auth mode `kerberos` over the eLog and Flux simulators, with proxy-header
 * callers (TEST_OPERATOR is the operator). The gateway's own ticket is principal `jobgraphsvc`.
 */
export interface KerberosElogGateway {
  elog: ElogSimulator;
  flux: FluxSimulator;
  datasources: Datasources;
  server: GatewayServer;
  callers: TestCallers;
  /** `http://127.0.0.1:<port>/graphql`. */
  url: string;
  /** One GraphQL operation as `user`; `negotiate` is sent as X-Jobgraph-Elog-Negotiate. */
  gql(user: string, query: string, variables?: Record<string, unknown>, negotiate?: string): Promise<GraphQLBody<any>>;
  close(): Promise<void>;
}

/** Starts {@link KerberosElogGateway}; `env(elog)` adds configuration that needs the simulator (tokens, URLs). */
export async function startKerberosElogGateway(
  dataset: Dataset,
  env: (elog: ElogSimulator) => Promise<Record<string, string>> | Record<string, string> = () => ({}),
): Promise<KerberosElogGateway> {
  const callers = proxyHeaderCallers();
  const flux = await startFluxSimulator({ dataset });
  const elog = await startElogSimulator({ dataset });
  const config = loadConfig({
    env: {
      JOBGRAPH_PORT: '0',
      JOBGRAPH_PLAYGROUND: 'off',
      FLUX_URI: flux.uri,
      ...callers.env,
      JOBGRAPH_ELOG_URL: elog.url,
      JOBGRAPH_ELOG_AUTH: 'kerberos',
      JOBGRAPH_ELOG_KERBEROS_COMMAND: `printf '%s\\n' ${elog.negotiateToken('jobgraphsvc')}`,
      ...(await env(elog)),
    },
  });
  const { datasources } = createDatasources(config, { users: createStaticUserDatabase(dataset.users) });
  const server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
  const url = `${await server.listen()}/graphql`;
  return {
    elog,
    flux,
    datasources,
    server,
    callers,
    url,
    async gql(user, query, variables = {}, negotiate) {
      const headers = {
        'content-type': 'application/json',
        ...(await callers.headers(user)),
        ...(negotiate ? { 'x-jobgraph-elog-negotiate': negotiate } : {}),
      };
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLBody<any>;
    },
    async close() {
      await server.close(1000);
      await closeDatasources(datasources);
      await flux.close();
      await elog.close();
    },
  };
}
