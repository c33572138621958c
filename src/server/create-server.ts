import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { BackendPolicies, Datasources } from '../datasources/create-datasources';
import { forwarderSettings } from '../forwarder/forwarder-settings';
import { formatJobgraphError } from '../errors';
import type { Caller } from '../auth/caller';
import { createContext } from './context';
import type { SubscriptionServices } from '../resolvers/graphql-context';
import { JournalHub } from '../datasources/flux/journal-hub';
import { StreamRegistry } from '../datasources/streams/stream-registry';
import { registerSubscriptionMetrics } from './metrics/subscription.metrics';
import { attachGraphqlWs } from './subscriptions/graphql-ws.transport';
import { createSseHandler, wantsEventStream } from './subscriptions/graphql-sse.transport';
import { createDocumentStore } from './document-store';
import { createJobgraphExecutor } from './execution/jobgraph-executor';
import { checkTrustedDocument, createGatewaySecurity } from './gateway-security';
import type { TrustedDocumentCheck } from './limits/trusted-documents';
import type { GraphQLContext } from '../resolvers/graphql-context';
import { enforceDocumentText } from './limits/document-text';
import type { DocumentTextLimits } from './limits/document-text';
import type { LoaderRequestInfo } from '../loaders/create-loaders';
import { gatewaySchema, gatewaySubgraphSchema } from './gateway-schema';
import { registerHealthRoutes } from './health';
import { startGatewayTracing } from './tracing/gateway-tracing';
import type { GatewayTracing } from './tracing/gateway-tracing';
import { browserErrorsPlugin } from './http/browser-errors.plugin';
import { httpErrorHandler } from './http/http-error-handler';
import { createAnswerEncoder } from './http/utf8-body';
import { createGatewayMetrics } from './metrics/gateway-metrics';
import { registerMetricsRoute } from './metrics/metrics.route';
import { registerHttpConveniences } from './http/http-conveniences';
import { playgroundFacts } from './playground/playground-facts';
import { playgroundPlugin } from './playground/playground.plugin';
import { errorAudiencePlugin } from './plugins/error-audience.plugin';
import { partialErrorsPlugin } from './plugins/partial-errors.plugin';
import { queryLimitsPlugin } from './plugins/query-limits.plugin';
import { requestLogPlugin } from './plugins/request-log.plugin';
import { requestReleasePlugin } from './plugins/request-release.plugin';
import { reportAccess } from './reports/report-access';
import { answerBadReportUrl, reportsPlugin } from './reports/reports.plugin';
import { elogAttachmentsPlugin } from './elog/elog-attachments.plugin';
import { JobWindowHints } from '../resolvers/job-window-hints';
import { HeldUrgencies } from '../resolvers/held-urgencies';
import { jobControlServices } from './job-control/job-control-audit';
import type { JobControlSetup } from './job-control/job-control-audit';

/** Path of the GraphQL endpoint. */
export const GRAPHQL_PATH = '/graphql';
/** Path of the offline playground page (also served to browsers at GRAPHQL_PATH). */
export const PLAYGROUND_PATH = '/playground';

/** Options of {@link createServer}. */
export interface GatewayServerOptions {
  config: Config;
  /** The process-wide datasources (the caller owns them and closes them after the server). */
  datasources: Datasources;
  /** The fault policies of `datasources` (from createDatasources): their breakers in /readyz and /metrics; none shown when absent. */
  policies?: BackendPolicies;
  logger: Logger;
  /** Resolves the caller of a request; default: from `config.auth` (JOBGRAPH_AUTH). */
  authenticate?: (request: FastifyRequest) => Promise<Caller>;
  /** The schema; default the gateway's full schema (as a Federation subgraph with `config.server.federation`). */
  schema?: GraphQLSchema;
}

/** A built, not yet listening gateway. */
export interface GatewayServer {
  app: FastifyInstance;
  apollo: ApolloServer<GraphQLContext>;
  /** Starts listening on `config.server.host:port`; resolves to the base URL (`http://127.0.0.1:4000`). */
  listen(): Promise<string>;
  /**
   * Graceful stop: no new connections, in-flight requests get `deadlineMs` (default
   * `config.server.shutdownTimeoutMs`) to finish, then remaining connections are cut.
   * Does not close the datasources.
   */
  close(deadlineMs?: number): Promise<void>;
}

function requestInfo(request: FastifyRequest): LoaderRequestInfo {
  const negotiate = request.headers['x-jobgraph-elog-negotiate'];
  return typeof negotiate === 'string' && negotiate !== '' ? { elogNegotiate: negotiate } : {};
}

/** Builds the gateway: fastify + Apollo Server 5 over the type-graphql schema, health routes, playground. */
export async function createServer(options: GatewayServerOptions): Promise<GatewayServer> {
  const { config, datasources, logger } = options;
  const security = await createGatewaySecurity(config);
  const authenticate = options.authenticate ?? security.authenticate;
  const app = fastify({
    bodyLimit: config.limits.bodyLimitBytes,
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    forceCloseConnections: 'idle',
    // A URL the router cannot decode never reaches a route or the error handler: answer it here.
    frameworkErrors: (error, request, reply) => {
      if (!answerBadReportUrl(request.raw.url, reply)) httpErrorHandler(error, request, reply);
    },
  });
  const otlpEndpoint = config.server.otlpEndpoint ?? config.server.otelExporterOtlpEndpoint;
  // Tracing off (no endpoint): no tracer, no context manager, no wrapped handler or datasources.
  const tracing = otlpEndpoint ? startGatewayTracing({ endpoint: otlpEndpoint }) : undefined;
  const metrics = createGatewayMetrics(datasources, options.policies);
  const schema = options.schema ?? (config.server.federation ? gatewaySubgraphSchema() : gatewaySchema());
  // Apollo's answer texts (its default's) and their bytes, encoded without flattening `json + "\n"`.
  const answers = createAnswerEncoder();
  const apollo = new ApolloServer<GraphQLContext>({
    stringifyResult: answers.stringifyResult,
    // Apollo parses, validates, runs the plugins and formats errors; the executor only executes.
    gateway: createJobgraphExecutor({
      schema,
      mode: config.server.executor,
      onExecution: metrics.countExecution,
    }),
    // Cache control off: jobgraph sets no cache hints, and its willResolveField hook wrapped every
    // field resolver (measured ~10 % of Q1's CPU).
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      partialErrorsPlugin(),
      errorAudiencePlugin(),
      requestLogPlugin(),
      queryLimitsPlugin(security.queryLimits),
      ...(tracing ? [tracing.plugin] : []),
      // Last: lets go of the request's caches once every other plugin has read the context.
      requestReleasePlugin(answers),
    ],
    introspection: security.introspection,
    // The lexer stops at this many tokens, so parsing is bounded whatever the text.
    parseOptions: { maxTokens: security.queryLimits.maxTokens },
    documentStore: createDocumentStore(),
    formatError: formatJobgraphError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (src/cli/run-gateway.ts): drain, close datasources, then exit.
    stopOnTerminationSignals: false,
    logger,
  });
  await apollo.start();

  app.setErrorHandler(httpErrorHandler);
  registerHealthRoutes(app, datasources, async (request) => (await authenticate(request)).isOperator, options.policies);
  registerMetricsRoute(app, metrics.registry);
  const instrumented = metrics.instrument(datasources);
  const measured = tracing ? tracing.traceDatasources(instrumented) : instrumented;
  const jobWindowHints = new JobWindowHints();
  const jobControl: JobControlSetup = {
    enabled: config.jobControl.enabled,
    heldUrgencies: new HeldUrgencies(),
    actions: metrics.jobControlActions,
  };
  await app.register(reportsPlugin, {
    sciagraph: datasources.sciagraph,
    access: reportAccess(authenticate, datasources),
  });
  await app.register(elogAttachmentsPlugin, { elog: measured.elog, authenticate, rateLimit: security.rateLimit });
  if (config.server.playground)
    await app.register(playgroundPlugin, {
      graphqlPath: GRAPHQL_PATH,
      playgroundPath: PLAYGROUND_PATH,
      ...playgroundFacts(datasources),
    });
  await app.register(browserErrorsPlugin, {
    graphqlPath: GRAPHQL_PATH,
    ...(config.server.playground ? { playgroundPath: PLAYGROUND_PATH } : {}),
  });
  await registerHttpConveniences(app, config.server);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  const streams = new StreamRegistry();
  const clusterJournals = new Map<string, JournalHub>();
  const subscriptions: SubscriptionServices = {
    journal: new JournalHub((signal) => datasources.flux.eventsJournal({ signal })),
    journalOf: (cluster) => {
      let hub = clusterJournals.get(cluster.name);
      if (!hub) {
        hub = new JournalHub((signal) => cluster.flux.eventsJournal({ signal }));
        clusterJournals.set(cluster.name, hub);
      }
      return hub;
    },
    streams,
    maxBacklog: config.server.subscriptionMaxBacklog,
  };
  const subscriptionMetrics = registerSubscriptionMetrics(metrics.registry, streams);
  const forwarder = forwarderSettings(config);
  const contextFor = (caller: Caller, requestId: string, info: LoaderRequestInfo): GraphQLContext => {
    const requestLogger = logger.child({ requestId });
    return createContext({
      requestId,
      logger: requestLogger,
      caller,
      jobControl: jobControlServices(jobControl, caller, requestLogger),
      datasources: measured,
      jobWindowHints,
      request: info,
      subscriptions,
      forwarder,
    });
  };
  const gate = { schema, limits: security.queryLimits, trustedDocuments: security.trustedDocuments };
  const transport = { gate, authenticate, rateLimit: security.rateLimit, metrics: subscriptionMetrics };
  const sse = createSseHandler({
    ...transport,
    context: (caller, request) => contextFor(caller, request.id, requestInfo(request)),
  });
  const apolloHandler = traceOperations(
    tracing,
    fastifyApolloHandler(apollo, {
      context: async (request) => {
        const caller = await authenticate(request);
        await security.rateLimit(caller, request);
        return contextFor(caller, request.id, requestInfo(request));
      },
    }),
  );
  app.route({
    url: GRAPHQL_PATH,
    method: ['GET', 'POST', 'OPTIONS'],
    preHandler: [
      documentTextHook(security.queryLimits),
      ...(security.trustedDocuments ? [trustedDocumentsHook(security.trustedDocuments)] : []),
    ],
    async handler(request, reply) {
      if (wantsEventStream(request)) return sse(request, reply);
      type ApolloArgs = Parameters<typeof apolloHandler>;
      const body = await apolloHandler.call(this, request as ApolloArgs[0], reply as ApolloArgs[1]);
      // A complete answer (Apollo's JSON text) encoded once, as bytes (utf8-body.ts); a stream as it is.
      return typeof body === 'string' ? answers.bytes(body) : body;
    },
  });
  const closeWebSockets = attachGraphqlWs(app.server, {
    ...transport,
    path: GRAPHQL_PATH,
    context: (caller) => contextFor(caller, randomUUID(), {}),
  });

  return {
    app,
    apollo,
    async listen() {
      await app.listen({ port: config.server.port, host: config.server.host });
      const address = app.server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    async close(deadlineMs = config.server.shutdownTimeoutMs) {
      const cut = setTimeout(() => app.server.closeAllConnections(), deadlineMs);
      // Subscriptions complete first (their clients see a clean end), then sockets close.
      subscriptions.journal.close();
      for (const hub of clusterJournals.values()) hub.close();
      streams.endAll();
      try {
        await closeWebSockets();
        await app.close();
      } finally {
        clearTimeout(cut);
      }
      await apollo.stop();
      await tracing?.shutdown();
    },
  };
}

/** The GraphQL handler inside an operation span when tracing is on; the handler itself otherwise. */
function traceOperations<T, A extends [FastifyRequest, FastifyReply, ...unknown[]], R>(
  tracing: GatewayTracing | undefined,
  handler: (this: T, ...args: A) => R,
): (this: T, ...args: A) => R {
  return tracing ? tracing.operationHandler(handler) : handler;
}

/** A fastify hook running `check` on a GraphQL request; what it throws is answered GraphQL-shaped with `status`. */
function refusingHook(status: number, check: (request: FastifyRequest) => void) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (request.method === 'OPTIONS') return;
    try {
      check(request);
    } catch (error) {
      const formatted = formatJobgraphError({ message: (error as Error).message }, error);
      await reply.code(status).send({ errors: [formatted] });
    }
  };
}

/** Refuses unregistered documents with a GraphQL-shaped 403 before Apollo sees the request. */
function trustedDocumentsHook(check: TrustedDocumentCheck) {
  return refusingHook(403, (request) => checkTrustedDocument(check, request));
}

/** Refuses a document text over the length or nesting limit with QUERY_TOO_COMPLEX (400) before it is parsed. */
function documentTextHook(limits: DocumentTextLimits) {
  return refusingHook(400, (request) => {
    const source = request.method === 'GET' ? request.query : request.body;
    const text = source && typeof source === 'object' ? (source as { query?: unknown }).query : undefined;
    if (typeof text === 'string') enforceDocumentText(limits, text);
  });
}
