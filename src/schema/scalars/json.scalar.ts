import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type { ValueNode } from 'graphql';

/** Deep copy of a JSON-like value with every bigint as its decimal string (JSON cannot hold them). */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
  }
  return value;
}

/**
 * `JSON`: any JSON value. Output is BigInt-safe: 64-bit integers (job ids in annotations or
 * user attributes) are emitted as decimal strings, never as rounded numbers.
 */
export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value. Integers beyond 2^53 (e.g. job ids) are decimal strings.',
  serialize: toJsonSafe,
  parseValue: (value: unknown) => value,
  parseLiteral: (ast: ValueNode, variables) => (ast.kind === Kind.NULL ? null : valueFromASTUntyped(ast, variables)),
});
