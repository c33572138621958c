import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Caller } from '../../auth/caller';
import type { GraphQLContext } from '../../resolvers/graphql-context';
import type { SubscriptionMetrics } from '../metrics/subscription.metrics';
import { errorAudienceOf } from '../plugins/error-audience.plugin';
import { checkOperation, formatResult } from './subscription-gate';
import type { SubscriptionGateOptions } from './subscription-gate';

/** What the WebSocket transport needs from the server. */
export interface GraphqlWsOptions {
  /** The GraphQL path; upgrades to other paths are refused. */
  path: string;
  gate: SubscriptionGateOptions;
  /** Resolves the caller from the upgrade request (its headers, with connectionParams' Authorization) or throws. */
  authenticate(request: FastifyRequest): Promise<Caller>;
  /** Consumes one operation of the caller's budget (throws RATE_LIMITED). */
  rateLimit(caller: Caller, request: FastifyRequest): Promise<void>;
  /** Builds an operation's context. */
  context(caller: Caller, request: IncomingMessage): GraphQLContext;
  metrics: SubscriptionMetrics;
}

/** The upgrade request as the HTTP authenticator and rate limiter read one (headers, peer socket). */
function asRequest(request: IncomingMessage, authorization: unknown): FastifyRequest {
  const headers = { ...request.headers };
  if (typeof authorization === 'string' && authorization !== '') headers.authorization = authorization;
  return {
    headers,
    socket: request.socket,
    raw: request,
    ip: request.socket.remoteAddress,
  } as unknown as FastifyRequest;
}

const paramAuthorization = (params: Record<string, unknown> | undefined): unknown =>
  params?.authorization ?? params?.Authorization;

/**
 * GraphQL over WebSocket (the graphql-ws protocol, `graphql-transport-ws`) on `path` of `server`:
 * the caller is authenticated like an HTTP request at connection init (proxy header of the upgrade
 * request; a JWT in `connectionParams.authorization` or the upgrade's Authorization header),
 * refused connections close with 4403; every operation passes trusted documents, validation and
 * the query limits first, and its errors follow the public error model. Returns the close
 * function: every socket is closed with 1001 (going away).
 */
export function attachGraphqlWs(server: Server, options: GraphqlWsOptions): () => Promise<void> {
  const wss = new WebSocketServer({ noServer: true });
  const callers = new WeakMap<object, Caller>();
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const { pathname } = new URL(request.url ?? '/', 'http://gateway');
    if (pathname !== options.path) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  };
  server.on('upgrade', onUpgrade);
  const disposable = useServer(
    {
      onConnect: async (ctx) => {
        try {
          const request = asRequest(ctx.extra.request, paramAuthorization(ctx.connectionParams));
          callers.set(ctx.extra.socket, await options.authenticate(request));
          return true;
        } catch {
          return false;
        }
      },
      onSubscribe: async (ctx, _id, payload) => {
        const caller = callers.get(ctx.extra.socket) as Caller;
        try {
          await options.rateLimit(caller, asRequest(ctx.extra.request, undefined));
          const document = checkOperation(options.gate, { ...payload });
          const args: ExecutionArgs = {
            schema: options.gate.schema,
            document,
            variableValues: payload.variables ?? null,
            operationName: payload.operationName ?? null,
            contextValue: options.context(caller, ctx.extra.request),
          };
          return args;
        } catch (error) {
          return [error as GraphQLError];
        }
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatResult({ errors: [e] }).errors?.[0] ?? e),
      onNext: (_ctx, _id, _payload, args, result) => {
        options.metrics.sent('websocket', result);
        return formatResult(result, errorAudienceOf(args.contextValue as GraphQLContext));
      },
    },
    wss,
  );
  let closing: Promise<void> | undefined;
  return () => {
    server.off('upgrade', onUpgrade);
    closing ??= Promise.resolve(disposable.dispose());
    return closing;
  };
}
