import {
  getNamedType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  BREAK,
} from 'graphql';
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';

/** Why an operation runs on graphql-js instead of the compiled path (a `/metrics` label). */
export type GraphqlJsReason =
  'introspection' | 'variable-default' | 'custom-scalar-literal' | 'mutation' | 'subscription';

/**
 * The shapes graphql-jit 0.8 executes differently from graphql-js, found by the differential test
 * (test/integration/execution/executor.differential.test.ts) and issue #19:
 * - `variable-default`: a variable with a default the client omits (`$first: Int! = 100` fails as
 *   "not provided"; a `DateTime` default reaches the resolver as a string);
 * - `custom-scalar-literal`: a custom scalar written inline (`job(id: "ƒ…")`: a JobId literal does
 *   not compile, "Do not know how to serialize a BigInt");
 * - `introspection`: `__schema`/`__type` (rare, and graphql-js's answer is the reference);
 * - `mutation`: side effects run once, on the reference engine (a null `data` is re-run on
 *   graphql-js by the executor, which a mutation must never be);
 * - `subscription`: not executed through Apollo (graphql-ws/graphql-sse run them).
 * Returns undefined when the compiled path gives graphql-js's answer.
 */
export function graphqlJsReason(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): GraphqlJsReason | undefined {
  if (operation.operation !== 'query') return operation.operation;
  if (operation.variableDefinitions?.some((definition) => definition.defaultValue !== undefined))
    return 'variable-default';
  let reason: GraphqlJsReason | undefined;
  const typeInfo = new TypeInfo(schema);
  const customScalarInput = (): boolean => {
    const type = typeInfo.getInputType();
    if (!type) return false;
    const named = getNamedType(type);
    return isScalarType(named) && !isSpecifiedScalarType(named);
  };
  const literal = (): undefined | typeof BREAK => {
    if (!customScalarInput()) return undefined;
    reason = 'custom-scalar-literal';
    return BREAK;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value === '__schema' || node.name.value === '__type') {
          reason = 'introspection';
          return BREAK;
        }
        return undefined;
      },
      [Kind.STRING]: literal,
      [Kind.INT]: literal,
      [Kind.FLOAT]: literal,
      [Kind.BOOLEAN]: literal,
      [Kind.ENUM]: literal,
      [Kind.LIST]: literal,
      [Kind.OBJECT]: literal,
      [Kind.NULL]: literal,
    }),
  );
  return reason;
}
