import { Writable } from 'node:stream';
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

/** A GraphQL response body as the tests read it. */
export interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** The real gateway listening on port 0 against a Flux simulator over its Unix socket. */
export interface GatewayHarness {
  sim: FluxSimulator;
  server: GatewayServer;
  datasources: Datasources;
  /** Base URL, e.g. http://127.0.0.1:41234. */
  url: string;
  /** pino lines the gateway wrote. */
  logs: Array<Record<string, unknown>>;
  /** POSTs one operation to /graphql; resolves to the HTTP status and the parsed body. */
  query<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{ status: number; body: GraphQLBody<T> }>;
  close(): Promise<void>;
}

/** Starts the simulator over `dataset` and the gateway against it (user names from the dataset). */
export async function startGatewayHarness(
  dataset: Dataset,
  options: { env?: Record<string, string>; sim?: Partial<FluxSimulatorOptions> } = {},
): Promise<GatewayHarness> {
  const sim = await startFluxSimulator({ dataset, ...options.sim });
  const config = loadConfig({
    env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: sim.uri, ...options.env },
  });
  const { datasources, policies } = createDatasources(config, { users: createStaticUserDatabase(dataset.users) });
  const logs: Array<Record<string, unknown>> = [];
  const server = await createServer({
    config,
    datasources,
    policies,
    logger: pino({ level: 'info' }, jsonLinesInto(logs)),
  });
  const url = await server.listen();
  return {
    sim,
    server,
    datasources,
    url,
    logs,
    query: (query, variables) => postGraphQL(url, query, variables),
    async close() {
      await server.close(1_000);
      await closeDatasources(datasources);
      await sim.close();
    },
  };
}

/** POSTs one operation to `<url>/graphql`; resolves to the HTTP status and the parsed body. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: GraphQLBody<T> }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
}

/** A stream for pino that parses each JSON line it gets into `lines`. */
export function jsonLinesInto(lines: Array<Record<string, unknown>>): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
}

/** RPCs the datasource sent for `topic` while `run` ran. */
export async function countRpcs(
  datasources: Datasources,
  run: () => Promise<unknown>,
): Promise<Record<string, number>> {
  const before = { ...datasources.flux.rpcCounts() };
  await run();
  const after = datasources.flux.rpcCounts();
  return Object.fromEntries(
    Object.entries(after)
      .map(([topic, n]) => [topic, n - (before[topic] ?? 0)])
      .filter(([, n]) => (n as number) > 0),
  );
}
