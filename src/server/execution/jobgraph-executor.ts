import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { execute, getVariableValues, printSchema } from 'graphql';
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import { LruCache } from './compiled-query-cache';
import { graphqlJsReason } from './jit-routing';
import { withJitSourceRewritten } from './jit-source-rewrite';
import type { GraphqlJsReason } from './jit-routing';

/** Apollo Server's gateway contract (from @apollo/server, which re-exports none of its parts). */
type GatewayInterface = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;
type GatewayGraphQLRequestContext = Parameters<GatewayExecutor>[0];
type GatewaySchemaLoadOrUpdateCallback = Parameters<GatewayInterface['onSchemaLoadOrUpdate']>[0];

/** Which engine executes operations (`JOBGRAPH_EXECUTOR`). */
export type ExecutorMode = 'graphql-js' | 'jit';

/** What ran an execution: `jit`, or graphql-js and why (a `/metrics` label). */
export type ExecutionPath =
  | 'jit'
  | 'graphql-js'
  | `graphql-js:${GraphqlJsReason | 'compile-error' | 'invalid-variables' | 'jit-variables' | 'null-data'}`;

/**
 * Compiled queries kept by default. A compiled query holds its generated code and compilation
 * context (~50–80 KiB for a dashboard query): 200 stay well inside the fuzz test's retained-heap
 * bound, and a deployment's clients send far fewer distinct documents.
 */
export const DEFAULT_CACHE_SIZE = 200;

/** Options of {@link createJobgraphExecutor}. */
export interface JobgraphExecutorOptions {
  /** The executable schema Apollo serves (the gateway's, the subgraph's, a test's): handed to Apollo as is. */
  schema: GraphQLSchema;
  mode: ExecutorMode;
  /** Compiled queries kept (least recently used dropped first); default {@link DEFAULT_CACHE_SIZE}. */
  cacheSize?: number;
  /** Called once per execution with the path it took (a jit result re-run on graphql-js counts both). */
  onExecution?: (path: ExecutionPath) => void;
}

/** A routing decision cached per document: the compiled query, or why graphql-js runs it. */
type Plan = { compiled: CompiledQuery } | { reason: ExecutionPath };

/**
 * Field errors in the order of their fields in the response (by path, list items by index),
 * whichever finished first: both engines run resolvers concurrently and record errors as they
 * complete, so their order was timing. Errors without a path (variables) keep theirs.
 */
function inDocumentOrder(errors: readonly GraphQLError[]): GraphQLError[] {
  return errors
    .map((error, index) => ({ error, index }))
    .sort((a, b) => comparePaths(a.error, b.error) || a.index - b.index)
    .map(({ error }) => error);
}

function comparePaths(a: GraphQLError, b: GraphQLError): number {
  const [pa, pb] = [a.path ?? [], b.path ?? []];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] as string | number, pb[i] as string | number];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const [la, lb] = [a.locations?.[0], b.locations?.[0]];
    return (
      (la?.line ?? 0) - (lb?.line ?? 0) || (la?.column ?? 0) - (lb?.column ?? 0) || (String(x) < String(y) ? -1 : 1)
    );
  }
  return pa.length - pb.length;
}

/** graphql-js `execute`'s own cap on variable coercion errors (its `maxCoercionErrors` default). */
const MAX_COERCION_ERRORS = 50;

/**
 * The errors graphql-js's `execute` answers for the request's variables, or undefined when they
 * coerce. Capped as `execute` caps them: uncapped, each error of an input object quotes the whole
 * value, so a 50,000-key object made 50,000 copies of a 600 KB string (gigabytes, minutes of CPU).
 */
function variableErrors(
  schema: GraphQLSchema,
  request: GatewayGraphQLRequestContext,
): readonly GraphQLError[] | undefined {
  const definitions = request.operation.variableDefinitions ?? [];
  if (definitions.length === 0) return undefined;
  const coerced = getVariableValues(schema, definitions, request.request.variables ?? {}, {
    maxErrors: MAX_COERCION_ERRORS,
  });
  return coerced.errors;
}

/**
 * Apollo Server's `gateway` option over a local schema: Apollo parses, validates, runs its
 * plugins and formats errors as before; only execution is ours. In mode `jit` each document is
 * compiled once by graphql-jit (cached in an LRU keyed by Apollo's query hash and operation
 * name) unless its shape is one graphql-jit gets wrong ({@link graphqlJsReason}) or it does not
 * compile: those run on graphql-js's `execute`, exactly as without this gateway. Mode
 * `graphql-js` always runs `execute`. The schema is whatever Apollo is given, so subgraph
 * schemas (`_entities`) go through the same path.
 */
export function createJobgraphExecutor(options: JobgraphExecutorOptions): GatewayInterface {
  const { schema } = options;
  const plans = new LruCache<string, Plan>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  const callbacks = new Set<GatewaySchemaLoadOrUpdateCallback>();

  const plan = (request: GatewayGraphQLRequestContext): Plan => {
    const key = `${request.queryHash}\u0000${request.operationName ?? ''}`;
    let found = plans.get(key);
    if (found) return found;
    const reason = graphqlJsReason(schema, request.document, request.operation);
    if (reason) found = { reason: `graphql-js:${reason}` };
    else {
      const compiled = withJitSourceRewritten(() =>
        compileQuery(schema, request.document, request.operationName ?? undefined),
      );
      found = isCompiledQuery(compiled) ? { compiled } : { reason: 'graphql-js:compile-error' };
    }
    plans.set(key, found);
    return found;
  };

  const executor: GatewayExecutor = async (request) => {
    if (!request.operation) {
      // Apollo resolved no operation: an operation name the document does not hold (GraphiQL sends the previous
      // tab's for a moment after a switch). graphql-js's answer for the client's name ("Unknown operation named …",
      // a client fault) without running anything; planning it crashed (INTERNAL_SERVER_ERROR).
      options.onExecution?.('graphql-js');
      return execute({
        schema,
        document: request.document,
        contextValue: request.context,
        variableValues: request.request.variables ?? null,
        operationName: request.request.operationName ?? null,
      });
    }
    const found: Plan = options.mode === 'jit' ? plan(request) : { reason: 'graphql-js' };
    if ('compiled' in found) {
      // graphql-jit coerces variables with other messages (and errors the formatter masks): a
      // request whose variables graphql-js refuses gets graphql-js's answer, which is exactly
      // `execute`'s for them (its execution context fails with these errors, nothing runs).
      const errors = variableErrors(schema, request);
      if (errors) {
        options.onExecution?.('graphql-js:invalid-variables');
        return { errors: [...errors] };
      }
    }
    options.onExecution?.('compiled' in found ? 'jit' : found.reason);
    if ('compiled' in found) {
      const result = await found.compiled.query(undefined, request.context, request.request.variables ?? {});
      // graphql-js's key order (errors first), so responses are byte for byte the same.
      if (!result.errors?.length) return { data: result.data };
      if (result.data === undefined) {
        // graphql-jit refused variables graphql-js accepts (it ignores the default of an omitted
        // non-null input field, `JobSort.order`); nothing ran yet.
        options.onExecution?.('graphql-js:jit-variables');
      } else if (result.data === null) {
        // A null root: graphql-js answers as soon as the first error reaches it and leaves out the
        // errors of fields still running, graphql-jit waits for all. Queries only (no side effects).
        options.onExecution?.('graphql-js:null-data');
      } else return { errors: inDocumentOrder(result.errors), data: result.data };
    }
    const result = await execute({
      schema,
      document: request.document,
      contextValue: request.context,
      variableValues: request.request.variables ?? null,
      operationName: request.operationName,
    });
    return result.errors ? { errors: inDocumentOrder(result.errors), data: result.data } : result;
  };

  return {
    onSchemaLoadOrUpdate(callback) {
      callbacks.add(callback);
      return () => callbacks.delete(callback);
    },
    async load() {
      const coreSupergraphSdl = printSchema(schema);
      for (const callback of callbacks) callback({ apiSchema: schema, coreSupergraphSdl });
      return { executor };
    },
    async stop() {
      callbacks.clear();
    },
  };
}
