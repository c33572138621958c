import type { DocumentNode, GraphQLSchema } from 'graphql';
import { QueryTooComplexError } from '../../errors';
import { measureOperation } from './query-measure';
import type { QueryMeasure } from './query-measure';

/** Limits on one operation, checked before any resolver (and so any backend) runs. */
export interface QueryLimits {
  /** `JOBGRAPH_LIMIT_DEPTH`, default 12. */
  maxDepth: number;
  /** `JOBGRAPH_LIMIT_ALIASES`, default 30. */
  maxAliases: number;
  /** `JOBGRAPH_LIMIT_ROOT_FIELDS`, default 20. */
  maxRootFields: number;
  /** `JOBGRAPH_LIMIT_COST`, default 50,000 (100 jobs with 100 nested items is 10,000-ish). */
  maxCost: number;
}

/** The defaults: generous for dashboards, tight enough to stop a single request fanning out to millions of backend calls. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxAliases: 30, maxRootFields: 20, maxCost: 50_000 };

/** Measures an operation and throws QUERY_TOO_COMPLEX naming the first limit it exceeds. */
export function enforceQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): QueryMeasure {
  const measure = measureOperation(schema, document, operationName, variables ?? {});
  const checks: Array<[string, number, number]> = [
    ['depth', limits.maxDepth, measure.depth],
    ['aliases', limits.maxAliases, measure.aliases],
    ['root fields', limits.maxRootFields, measure.rootFields],
    ['cost', limits.maxCost, measure.cost],
  ];
  for (const [name, max, actual] of checks) {
    if (actual > max) throw new QueryTooComplexError(name, max, actual);
  }
  return measure;
}
