import { Kind } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { QueryTooComplexError } from '../../errors';
import { FieldComparisonsUncountable, fieldComparisons } from './field-comparisons';
import { MEASURE_WORK_CAP, MeasureWorkExceeded, measureOperation, measureOperations } from './query-measure';
import type { QueryMeasure } from './query-measure';

/** Limits on one operation, checked before any resolver (and so any backend) runs. */
export interface QueryLimits {
  /** `JOBGRAPH_LIMIT_DEPTH`, default 12. */
  maxDepth: number;
  /** `JOBGRAPH_LIMIT_ALIASES`, default 30. */
  maxAliases: number;
  /** `JOBGRAPH_LIMIT_ROOT_FIELDS`, default 20. */
  maxRootFields: number;
  /** `JOBGRAPH_LIMIT_BREADTH`, default 200: fields in any one selection set, fragments expanded. */
  maxBreadth: number;
  /** `JOBGRAPH_LIMIT_COST`, default 50,000 (100 jobs with 100 nested items is 10,000-ish). */
  maxCost: number;
  /**
   * `JOBGRAPH_LIMIT_FIELD_COMPARISONS`, default 5,000: field pairs validation may have to compare
   * (see {@link fieldComparisons}; ~10 µs each on a loaded 2-core machine); graphql-js itself gives
   * up only at 500,000.
   */
  maxFieldComparisons: number;
  /** `JOBGRAPH_LIMIT_TOKENS`, default 5,000: lexer tokens in a document (graphql-js `maxTokens`). */
  maxTokens: number;
  /** `JOBGRAPH_LIMIT_DOCUMENT_LENGTH`, default 65,536: length of a document's text (UTF-16 code units). */
  maxDocumentLength: number;
  /** `JOBGRAPH_LIMIT_DEFINITIONS`, default 100: operations, fragments, and variables, in one document (each). */
  maxDefinitions: number;
  /** `JOBGRAPH_LIMIT_NESTING`, default 64: brackets open at once in the text. */
  maxNesting: number;
}

/** The defaults: generous for dashboards, tight enough to stop a single request fanning out to millions of backend calls. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxBreadth: 200,
  maxCost: 50_000,
  maxFieldComparisons: 5_000,
  maxTokens: 5_000,
  maxDocumentLength: 64 * 1024,
  maxDefinitions: 100,
  maxNesting: 64,
};

function check(limits: QueryLimits, measure: QueryMeasure): void {
  const checks: Array<[string, number, number]> = [
    ['depth', limits.maxDepth, measure.depth],
    ['aliases', limits.maxAliases, measure.aliases],
    ['root fields', limits.maxRootFields, measure.rootFields],
    ['breadth', limits.maxBreadth, measure.breadth],
    ['cost', limits.maxCost, measure.cost],
  ];
  for (const [name, max, actual] of checks) {
    if (actual > max) throw new QueryTooComplexError(name, max, actual);
  }
}

function measured<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof MeasureWorkExceeded || error instanceof FieldComparisonsUncountable)
      throw new QueryTooComplexError('measure steps', MEASURE_WORK_CAP, MEASURE_WORK_CAP + 1);
    throw error;
  }
}

/**
 * The check made right after parsing, before validation: the document's length, its number of
 * operations and fragments, and every operation's depth, aliases, root fields, breadth and cost
 * with each `first` variable counted as 1 (a lower bound whatever the variables). graphql-js's
 * validation rules are super-linear on some shapes (OverlappingFieldsCanBeMerged compares fields
 * of one response name pairwise); a document this check passes is small enough in every one of
 * those dimensions for validation to stay cheap. Throws QUERY_TOO_COMPLEX; linear in the document.
 */
export function enforceDocumentLimits(limits: QueryLimits, schema: GraphQLSchema, document: DocumentNode): void {
  const length = document.loc?.source.body.length ?? 0;
  if (length > limits.maxDocumentLength)
    throw new QueryTooComplexError('document length', limits.maxDocumentLength, length);
  const counts = { operations: 0, fragments: 0, variables: 0 };
  for (const d of document.definitions) {
    if (d.kind === Kind.OPERATION_DEFINITION) {
      counts.operations += 1;
      counts.variables += d.variableDefinitions?.length ?? 0;
    } else if (d.kind === Kind.FRAGMENT_DEFINITION) counts.fragments += 1;
  }
  for (const [name, count] of Object.entries(counts))
    if (count > limits.maxDefinitions) throw new QueryTooComplexError(name, limits.maxDefinitions, count);
  for (const measure of measured(() => measureOperations(schema, document))) check(limits, measure);
  const comparisons = measured(() => fieldComparisons(document, MEASURE_WORK_CAP));
  if (comparisons > limits.maxFieldComparisons)
    throw new QueryTooComplexError('field comparisons', limits.maxFieldComparisons, comparisons);
}

/** Measures an operation with the request's variables and throws QUERY_TOO_COMPLEX naming the first limit it exceeds. */
export function enforceQueryLimits(
  limits: QueryLimits,
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): QueryMeasure {
  const measure = measured(() => measureOperation(schema, document, operationName, variables ?? {}));
  check(limits, measure);
  return measure;
}
