import { GraphQLScalarType, Kind, valueFromASTUntyped } from 'graphql';
import type { ValueNode } from 'graphql';
import { BadUserInputError } from '../../errors';

/** Deepest nesting of a JSON input value (a scalar at the top is depth 0). */
export const JSON_MAX_DEPTH = 32;
/** Most values (objects, arrays, and the scalars inside them) in one JSON input value. */
export const JSON_MAX_VALUES = 10_000;

/**
 * Checks a JSON input value's nesting and size without recursion (a value nested 300,000 deep
 * overflowed the stack further on: RangeError, masked as an internal error). BAD_USER_INPUT
 * naming the rule; graphql-js prefixes the argument or variable it came from.
 */
export function checkJsonInput(value: unknown): unknown {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value: next, depth } = stack.pop() as { value: unknown; depth: number };
    count += 1;
    if (count > JSON_MAX_VALUES)
      throw new BadUserInputError(`JSON values may hold at most ${JSON_MAX_VALUES} values`, { max: JSON_MAX_VALUES });
    if (next === null || typeof next !== 'object') continue;
    if (depth >= JSON_MAX_DEPTH)
      throw new BadUserInputError(`JSON values may nest at most ${JSON_MAX_DEPTH} levels`, { max: JSON_MAX_DEPTH });
    for (const child of Array.isArray(next) ? next : Object.values(next))
      stack.push({ value: child, depth: depth + 1 });
  }
  return value;
}

/**
 * Whether a JSON-like value holds a bigint anywhere (own enumerable properties, as the copy reads
 * them). Called for every JSON leaf of a response (eventlog contexts, jobspec attributes), so the
 * common case is kept cheap: each child is tested by `typeof` in the loop (no call per primitive, no
 * `some` callback), and `Object.hasOwn` runs only on a hit (an inherited enumerable property is
 * walked but never counted). 0.05 vs 0.12 ms per Q1's 784 values (5,143 nested), docs/performance.md.
 */
export function holdsBigint(value: unknown): boolean {
  if (typeof value !== 'object') return typeof value === 'bigint';
  if (value === null) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' ? holdsBigint(item) : typeof item === 'bigint') return true;
    }
    return false;
  }
  if (value instanceof Date) return false;
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const item = record[key];
    if ((typeof item === 'object' ? holdsBigint(item) : typeof item === 'bigint') && Object.hasOwn(record, key))
      return true;
  }
  return false;
}

function copyJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(copyJsonSafe);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copyJsonSafe(v)]));
  }
  return value;
}

/**
 * A JSON-like value with every bigint as its decimal string (JSON cannot hold them): the value
 * itself when it holds none (a scan allocates nothing; the deep copy it replaced was a measured
 * hot spot of a 500-job page, docs/performance.md), else a deep copy.
 */
export function toJsonSafe(value: unknown): unknown {
  return holdsBigint(value) ? copyJsonSafe(value) : value;
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value. Integers beyond 2^53 (e.g. job ids) are decimal strings.',
  serialize: (value: unknown) => (holdsBigint(value) ? copyJsonSafe(value) : value),
  parseValue: checkJsonInput,
  parseLiteral: (ast: ValueNode, variables) =>
    ast.kind === Kind.NULL ? null : checkJsonInput(valueFromASTUntyped(ast, variables)),
});
