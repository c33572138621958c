/**
 * Fields of the history index that jobAggregations(source: ELASTICSEARCH) may name, by what they
 * support. Elasticsearch does not fail on unknown fields (empty buckets, null values), so this
 * allow-list is what turns a typo into BAD_USER_INPUT.
 */
export const ELASTIC_KEYWORD_FIELDS = [
  'id',
  'state',
  'result',
  'status',
  'userName',
  'name',
  'queue',
  'bank',
  'project',
  'cluster',
  'experiment',
  'exception.type',
  'eventNames',
  'nodes',
  'source.instance',
] as const;

/** Numeric fields: terms, filter, range and every metric. */
export const ELASTIC_NUMERIC_FIELDS = [
  'userId',
  'urgency',
  'priority',
  'run',
  'timeLimitSeconds',
  'queuedSeconds',
  'runtimeSeconds',
  'coreSeconds',
  'ntasks',
  'ncores',
  'nnodes',
  'waitStatus',
  'exitCode',
  'exception.severity',
] as const;

/** Date fields: date_histogram, range (epoch ms bounds), min/max/cardinality/percentiles. */
export const ELASTIC_DATE_FIELDS = [
  'submittedAt',
  'startedAt',
  'cleanupAt',
  'inactiveAt',
  'schedAt',
  'expiresAt',
  'forwardedAt',
] as const;

/** Boolean fields: terms and filter. */
export const ELASTIC_BOOLEAN_FIELDS = ['success', 'exception.occurred', 'eventlogTruncated'] as const;

/** What a field is, for validation; undefined when it is not allow-listed. */
export function elasticFieldKind(field: string): 'keyword' | 'numeric' | 'date' | 'boolean' | undefined {
  if ((ELASTIC_KEYWORD_FIELDS as readonly string[]).includes(field)) return 'keyword';
  if ((ELASTIC_NUMERIC_FIELDS as readonly string[]).includes(field)) return 'numeric';
  if ((ELASTIC_DATE_FIELDS as readonly string[]).includes(field)) return 'date';
  if ((ELASTIC_BOOLEAN_FIELDS as readonly string[]).includes(field)) return 'boolean';
  return undefined;
}
