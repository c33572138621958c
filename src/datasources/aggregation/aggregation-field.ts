/**
 * The aggregation vocabulary shared by every `jobAggregations` source: one set of field names and
 * one set of values. Each source maps it to its own names in one table (see
 * {@link SourceVocabulary}); a field a source lacks is refused there, naming source and field.
 */

/** Every field of the vocabulary, in the order the schema lists them. */
export const AGGREGATION_FIELDS = [
  'STATE',
  'RESULT',
  'STATUS',
  'USER',
  'QUEUE',
  'BANK',
  'PROJECT',
  'CLUSTER',
  'NAME',
  'EXPERIMENT',
  'RUN',
  'HOST',
  'SUBMITTED_AT',
  'STARTED_AT',
  'INACTIVE_AT',
  'RUNTIME',
  'QUEUED',
  'TIME_LIMIT',
  'NODES',
  'CORES',
  'TASKS',
] as const;

/** One field of the vocabulary. */
export type AggregationFieldName = (typeof AGGREGATION_FIELDS)[number];

/** Flux job states (RFC 21) as the vocabulary's STATE values. */
export const STATE_VALUES = ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'] as const;

/** Flux job results (inactive jobs only) as the vocabulary's RESULT values: CANCELED with one L, as Flux spells it. */
export const RESULT_VALUES = ['COMPLETED', 'FAILED', 'CANCELED', 'TIMEOUT'] as const;

/** STATUS: PENDING (DEPEND, PRIORITY, SCHED), RUNNING (RUN, CLEANUP), else the result. */
export const STATUS_VALUES = ['PENDING', 'RUNNING', ...RESULT_VALUES] as const;

/** The closed value set of a field, when it has one (the values FILTER accepts and TERMS answers). */
export const FIELD_VALUES: Partial<Record<AggregationFieldName, readonly string[]>> = {
  STATE: STATE_VALUES,
  RESULT: RESULT_VALUES,
  STATUS: STATUS_VALUES,
};
