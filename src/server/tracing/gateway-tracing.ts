import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Datasources } from '../../datasources/create-datasources';
import { observeDatasourceMethods } from '../../datasources/datasource-calls.observer';
import { OtlpJsonTraceExporter } from './otlp-json-exporter';
import { activeSpan, setJobgraphTracer, startCallSpan } from '../../tracing/traced';

/** Backends whose datasource calls are one backend request each; Flux RPCs, eLog routes and jobs/aggs requests have their own spans. */
const SPANNED_DATASOURCES = new Set(['elastic', 'sciagraph']);

/** OpenTelemetry tracing of one gateway (`JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT`). */
export interface GatewayTracing {
  /**
   * Wraps the GraphQL route handler: each request runs in a server span, the child of the
   * caller's W3C `traceparent` (a router's subgraph fetch) when it sends one.
   */
  operationHandler<T, A extends [FastifyRequest, FastifyReply, ...unknown[]], R>(
    handler: (this: T, ...args: A) => R,
  ): (this: T, ...args: A) => R;
  /** Names the request's span after its operation (`graphql query ProposalRuns`) and marks failed ones. */
  plugin: ApolloServerPlugin;
  /** A view of the datasources with a client span per Elasticsearch and Sciagraph call. */
  traceDatasources(datasources: Datasources): Datasources;
  /** Exports the spans still buffered, then stops tracing. */
  shutdown(): Promise<void>;
}

const headerGetter = {
  keys: (carrier: FastifyRequest['headers']) => Object.keys(carrier),
  get: (carrier: FastifyRequest['headers'], key: string) => carrier[key],
};

/**
 * Starts exporting spans over OTLP/HTTP (JSON, {@link OtlpJsonTraceExporter}) to `<endpoint>/v1/traces`, service name `jobgraph`.
 * Installs an AsyncLocalStorage context manager when none is installed, so spans started deep in
 * loaders and datasources find their parent.
 */
export function startGatewayTracing(options: { endpoint: string; serviceName?: string }): GatewayTracing {
  const exporter = new OtlpJsonTraceExporter(`${options.endpoint.replace(/\/+$/, '')}/v1/traces`);
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'jobgraph' }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const tracer = provider.getTracer('jobgraph');
  const propagator = new W3CTraceContextPropagator();
  setJobgraphTracer(tracer);
  return {
    operationHandler: <T, A extends [FastifyRequest, FastifyReply, ...unknown[]], R>(
      handler: (this: T, ...args: A) => R,
    ) =>
      function (this: T, ...args: A): R {
        const [request, reply] = args;
        const parent = propagator.extract(ROOT_CONTEXT, request.headers, headerGetter);
        const span = tracer.startSpan(
          'graphql request',
          { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': request.url } },
          parent,
        );
        const end = (): void => {
          span.setAttribute('http.response.status_code', reply.statusCode);
          span.end();
        };
        const result = context.with(trace.setSpan(parent, span), () => handler.apply(this, args));
        if (result instanceof Promise) result.then(end, end);
        else end();
        return result;
      },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ operationName, operation }) {
            const span = activeSpan();
            const type = operation?.operation ?? 'query';
            span?.updateName(`graphql ${type} ${operationName ?? 'anonymous'}`);
            span?.setAttributes({
              'graphql.operation.type': type,
              'graphql.operation.name': operationName ?? '',
            });
          },
          async willSendResponse({ errors }) {
            if (errors && errors.length > 0)
              activeSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: `${errors.length} error(s)` });
          },
        };
      },
    },
    traceDatasources: (datasources) =>
      observeDatasourceMethods(datasources, (backend, method) =>
        SPANNED_DATASOURCES.has(backend)
          ? () => startCallSpan(`${backend}.${method}`, { 'jobgraph.backend': backend, 'jobgraph.method': method })
          : undefined,
      ),
    async shutdown() {
      setJobgraphTracer(undefined);
      await provider.shutdown();
    },
  };
}
