import { BadUserInputError } from '../../errors';
import { AGGREGATION_FIELDS, FIELD_VALUES } from './aggregation-field';
import type { AggregationFieldName } from './aggregation-field';
import type { AggregationData, AggregationSpec } from './aggregation-query';

/** How one source holds one vocabulary field. */
export interface SourceField {
  /** The source's own field name. */
  field: string;
  /**
   * For fields with a closed value set: each vocabulary value → the source's values that mean it
   * (several fold into one, e.g. DEPEND, PRIORITY, SCHED → PENDING). Source values listed under
   * no vocabulary value fall in no bucket. Absent: values are the same on both sides.
   */
  values?: Readonly<Record<string, readonly string[]>>;
}

/** One source's table: the vocabulary fields it holds, and why it lacks the others where that helps. */
export interface SourceVocabulary {
  /** The source as `jobAggregations(source:)` names it. */
  source: string;
  fields: Readonly<Partial<Record<AggregationFieldName, SourceField>>>;
  /** Why a field is missing, added to the refusal (e.g. "arrives with several Flux clusters"). */
  missing?: Readonly<Partial<Record<AggregationFieldName, string>>>;
}

/** A request in the source's own terms, and how to bring its answer back to the vocabulary. */
export interface TranslatedAggregation {
  spec: AggregationSpec;
  answer(data: AggregationData): AggregationData;
}

/** Terms asked of a source for a folded field: enough to hold every source value of a closed set. */
const FOLDED_TERMS_SIZE = 100;

const identity = (data: AggregationData): AggregationData => data;

function sourceField(vocabulary: SourceVocabulary, spec: AggregationSpec): SourceField {
  const name = spec.field as AggregationFieldName;
  if (!(AGGREGATION_FIELDS as readonly string[]).includes(name))
    throw new BadUserInputError(`aggregation "${spec.name}": unknown field ${spec.field}`, { aggregation: spec.name });
  const held = vocabulary.fields[name];
  if (!held) {
    const why = vocabulary.missing?.[name];
    throw new BadUserInputError(
      `aggregation "${spec.name}": source ${vocabulary.source} has no field ${name}${why ? ` (${why})` : ''}; ` +
        `its fields: ${Object.keys(vocabulary.fields).join(', ')}`,
      { aggregation: spec.name, source: vocabulary.source, field: name },
    );
  }
  return held;
}

function foldTerms(values: Readonly<Record<string, readonly string[]>>, size: number) {
  const canonical = new Map<string, string>();
  for (const [value, sourceValues] of Object.entries(values)) for (const v of sourceValues) canonical.set(v, value);
  return (data: AggregationData): AggregationData => {
    const counts = new Map<string, number>();
    for (const bucket of data.buckets ?? []) {
      const key = canonical.get(bucket.key);
      if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + bucket.docCount);
    }
    const buckets = [...counts.entries()]
      .sort(([ka, ca], [kb, cb]) => cb - ca || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .slice(0, size)
      .map(([key, docCount]) => ({ key, docCount }));
    return { ...data, buckets };
  };
}

function sourceValues(spec: Extract<AggregationSpec, { kind: 'FILTER' }>, held: SourceField): string[] {
  const closed = FIELD_VALUES[spec.field as AggregationFieldName];
  if (closed && !closed.includes(spec.value))
    throw new BadUserInputError(
      `aggregation "${spec.name}": ${spec.field} has no value "${spec.value}"; its values: ${closed.join(', ')}`,
      { aggregation: spec.name, field: spec.field },
    );
  return [...(held.values ? (held.values[spec.value] ?? []) : [spec.value])];
}

/**
 * One request in a source's terms: the vocabulary field replaced by the source's, FILTER values
 * by the source's (several as `values`), TERMS of a folded field asked wide and folded back
 * (counts of source values summed per vocabulary value, reordered, cut to `size`). A request
 * already in raw form (`raw: true`) passes unchanged. `BAD_USER_INPUT` names the source and field
 * the source lacks, or the value the field does not have.
 */
export function translateAggregation(vocabulary: SourceVocabulary, spec: AggregationSpec): TranslatedAggregation {
  if (spec.raw) return { spec, answer: identity };
  const held = sourceField(vocabulary, spec);
  const renamed = { ...spec, field: held.field };
  switch (renamed.kind) {
    case 'TERMS':
      if (!held.values) return { spec: renamed, answer: identity };
      return {
        spec: { ...renamed, size: Math.max(renamed.size, FOLDED_TERMS_SIZE) },
        answer: foldTerms(held.values, renamed.size),
      };
    case 'FILTER': {
      const values = sourceValues(spec as Extract<AggregationSpec, { kind: 'FILTER' }>, held);
      if (values.length === 1) return { spec: { ...renamed, value: values[0] as string }, answer: identity };
      return { spec: { ...renamed, values }, answer: identity };
    }
    case 'METRIC':
      if (held.values && Object.values(held.values).some((list) => list.length !== 1))
        throw new BadUserInputError(
          `aggregation "${spec.name}": ${spec.field} folds several ${vocabulary.source} values into one; use TERMS`,
          { aggregation: spec.name, source: vocabulary.source, field: spec.field },
        );
      return { spec: renamed, answer: identity };
    default:
      return { spec: renamed, answer: identity };
  }
}

/** STATUS over Flux's own status values (state name while pending or running, else the result), as ELASTICSEARCH and FLUX hold them. */
export const FLUX_STATUS_VALUES: Readonly<Record<string, readonly string[]>> = {
  PENDING: ['DEPEND', 'PRIORITY', 'SCHED'],
  RUNNING: ['RUN', 'CLEANUP'],
  COMPLETED: ['COMPLETED'],
  FAILED: ['FAILED'],
  CANCELED: ['CANCELED'],
  TIMEOUT: ['TIMEOUT'],
};
