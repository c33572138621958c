import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ExecutionResult } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/fastify';
import type { Caller } from '../../auth/caller';
import { findJobgraphError, formatJobgraphError } from '../../errors';
import type { GraphQLContext } from '../../resolvers/graphql-context';
import type { SubscriptionMetrics } from '../metrics/subscription.metrics';
import { errorAudienceOf } from '../plugins/error-audience.plugin';
import { checkOperation, formatResult } from './subscription-gate';
import type { OperationRequest, SubscriptionGateOptions } from './subscription-gate';

/** What the SSE transport needs from the server. */
export interface GraphqlSseOptions {
  gate: SubscriptionGateOptions;
  authenticate(request: FastifyRequest): Promise<Caller>;
  rateLimit(caller: Caller, request: FastifyRequest): Promise<void>;
  context(caller: Caller, request: FastifyRequest): GraphQLContext;
  metrics: SubscriptionMetrics;
}

/** An HTTP status for a refused operation: its error's own (401, 400, 429), 403 for FORBIDDEN, else 400. */
function refusal(error: unknown): [string, { status: number; statusText: string; headers: Record<string, string> }] {
  const ours = findJobgraphError(error);
  const status =
    (ours?.extensions.http as { status?: number } | undefined)?.status ?? (ours?.code === 'FORBIDDEN' ? 403 : 400);
  const body = JSON.stringify({ errors: [formatJobgraphError({ message: (error as Error).message }, error)] });
  return [body, { status, statusText: 'Refused', headers: { 'content-type': 'application/json; charset=utf-8' } }];
}

/**
 * True for a request that asks for an event stream only (graphql-sse, distinct connections mode:
 * `Accept: text/event-stream`). A client that also accepts JSON (urql sends `application/json, …,
 * text/event-stream` on every query) gets the ordinary JSON answer: its queries are not streams.
 */
export function wantsEventStream(request: Pick<FastifyRequest, 'headers'>): boolean {
  const accepted = (request.headers.accept ?? '').split(',').map((type) => type.split(';')[0]?.trim().toLowerCase());
  return (
    accepted.includes('text/event-stream') &&
    !accepted.some((type) => type === 'application/json' || type === 'application/graphql-response+json')
  );
}

/**
 * GraphQL over Server-Sent Events (graphql-sse, "distinct connections" mode: one POST or GET with
 * `Accept: text/event-stream` per operation, answered with `next` events and a `complete`), for
 * notebooks and curl. The caller is authenticated like any HTTP request; the operation passes
 * trusted documents, validation and the query limits, or is refused with the error's HTTP status.
 */
export function createSseHandler(
  options: GraphqlSseOptions,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  // Each operation's context by its request, for the audience of its results' errors.
  const contexts = new WeakMap<object, GraphQLContext>();
  return createHandler<GraphQLContext & Record<PropertyKey, unknown>>({
    schema: options.gate.schema,
    onSubscribe: async (req, params) => {
      try {
        const caller = await options.authenticate(req.raw);
        await options.rateLimit(caller, req.raw);
        const document = checkOperation(options.gate, params as OperationRequest);
        const contextValue = options.context(caller, req.raw);
        contexts.set(req.raw, contextValue);
        return {
          schema: options.gate.schema,
          document,
          variableValues: params.variables ?? null,
          operationName: params.operationName ?? null,
          contextValue: contextValue as GraphQLContext & Record<PropertyKey, unknown>,
        };
      } catch (error) {
        return refusal(error);
      }
    },
    onNext: (_ctx, req, result) => {
      // Subscriptions yield whole results (no incremental delivery here).
      const whole = result as ExecutionResult;
      options.metrics.sent('sse', whole);
      const context = contexts.get(req.raw);
      return formatResult(whole, context ? errorAudienceOf(context) : undefined) as ExecutionResult;
    },
  });
}
