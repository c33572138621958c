import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';

/** One subgraph of a test supergraph. */
export interface TestSubgraph {
  name: string;
  /** Its GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql. */
  url: string;
  /** Its subgraph SDL (what `_service { sdl }` answers). */
  sdl: string;
}

/** A router (Hive Gateway or Apollo Gateway) listening on loopback. */
export interface TestRouter {
  kind: 'hive' | 'apollo';
  /** Its GraphQL endpoint. */
  url: string;
  /** POSTs one operation with `headers`; resolves to the parsed body. */
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{
    data?: T | null;
    errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  }>;
  close(): Promise<void>;
}

/**
 * The caller's identity headers the routers pass on to every subgraph: the trusted front proxy's
 * user header (jobgraph trusts the router's loopback address) and a bearer token.
 */
export const FORWARDED_HEADERS = ['x-remote-user', 'authorization'] as const;

/** Composes the supergraph of `subgraphs` (Federation v2, @theguild/federation-composition); throws on composition errors. */
export function composeSupergraph(subgraphs: readonly TestSubgraph[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}

function routerClient(kind: TestRouter['kind'], url: string, close: () => Promise<void>): TestRouter {
  return {
    kind,
    url,
    async query(query, variables = {}, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as never;
    },
    close,
  };
}

/** What the tests use of @graphql-hive/gateway (see {@link loadHiveGateway}). */
interface HiveGatewayModule {
  createGatewayRuntime(config: Record<string, unknown>): ((req: IncomingMessage, res: ServerResponse) => void) & {
    graphqlEndpoint: string;
    dispose(): Promise<void> | void;
  };
}

/** Hive Gateway's plugin shape, as far as the tests build plugins. */
export type HivePlugin = Record<string, unknown>;

/**
 * Loads @graphql-hive/gateway by a computed name: its type declarations widen graphql's
 * GraphQLErrorExtensions (`http.headers` as a record) in a way that conflicts with src/errors, and
 * a static import would pull them into the project's type check.
 */
function loadHiveGateway(): HiveGatewayModule {
  return createRequire(__filename)(['@graphql-hive', 'gateway'].join('/')) as HiveGatewayModule;
}

/** What the tests use of @graphql-hive/gateway/opentelemetry and its setup entry (loaded like {@link loadHiveGateway}). */
interface HiveOpenTelemetryModule {
  useOpenTelemetry(options: Record<string, unknown>): HivePlugin;
  openTelemetrySetup(options: Record<string, unknown>): void;
  disable(): void;
}

/**
 * Hive Gateway's OpenTelemetry: registers its tracer provider (service `hive-gateway`, spans sent
 * by `exporter` one by one) and returns the plugin factory for {@link startHiveRouter}'s `plugins`;
 * `disable()` resets the global OpenTelemetry APIs it set.
 */
export function hiveTracing(exporter: unknown): { plugins: () => HivePlugin[]; disable(): void } {
  const load = createRequire(__filename);
  const plugin = load(['@graphql-hive', 'gateway', 'opentelemetry'].join('/')) as HiveOpenTelemetryModule;
  const setup = load(['@graphql-hive', 'gateway', 'opentelemetry', 'setup'].join('/')) as HiveOpenTelemetryModule;
  const { Logger } = load(['@graphql-hive', 'gateway'].join('/')) as { Logger: new (o: object) => unknown };
  setup.openTelemetrySetup({
    log: new Logger({ level: false }),
    contextManager: null,
    resource: { serviceName: 'hive-gateway' },
    traces: { exporter, batching: false },
  });
  return {
    plugins: () => [plugin.useOpenTelemetry({ traces: true, propagateContext: true })],
    disable: () => setup.disable(),
  };
}

/** Hive Gateway's runtime (createGatewayRuntime) over `supergraph`, on a node:http server on loopback. */
export async function startHiveRouter(
  supergraph: string,
  options: { plugins?: () => HivePlugin[]; extra?: Record<string, unknown> } = {},
): Promise<TestRouter> {
  const { createGatewayRuntime } = loadHiveGateway();
  const gateway = createGatewayRuntime({
    supergraph,
    logging: false,
    maskedErrors: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }: { request: Request }) =>
        Object.fromEntries(FORWARDED_HEADERS.map((name) => [name, request.headers.get(name)])),
    },
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...options.extra,
  });
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return routerClient('hive', `http://127.0.0.1:${port}${gateway.graphqlEndpoint}`, async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await gateway.dispose();
  });
}

/** Apollo Gateway (@apollo/gateway) under Apollo Server over `supergraph`, on loopback. */
export async function startApolloRouter(supergraph: string): Promise<TestRouter> {
  type RouterContext = { forwarded: Record<string, string> };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    buildService: ({ url }) =>
      new RemoteGraphQLDataSource<RouterContext>({
        url,
        willSendRequest({ request, context }) {
          const forwarded: Record<string, string> = (context as Partial<RouterContext>).forwarded ?? {};
          for (const [name, value] of Object.entries(forwarded)) request.http?.headers.set(name, value);
        },
      }),
  });
  const server = new ApolloServer<RouterContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({
      forwarded: Object.fromEntries(
        FORWARDED_HEADERS.flatMap((name) => {
          const value: unknown = req.headers[name];
          return typeof value === 'string' ? [[name, value]] : [];
        }),
      ),
    }),
  });
  return routerClient('apollo', url, () => server.stop());
}
