import { BadUserInputError } from '../errors';
import type {
  AggregationFilterSpec,
  AggregationResultData,
  AggregationSpec,
} from '../datasources/aggregation/aggregation-query';
import { AggregationBucket } from '../schema/aggregation-bucket.type';
import type { AggregationFilter } from '../schema/aggregation-filter.input';
import type { AggregationKind } from '../schema/aggregation-kind.enum';
import type { AggregationRequest } from '../schema/aggregation-request.input';
import type { AggregationResult } from '../schema/aggregation-result.type';

const KINDS = ['terms', 'dateHistogram', 'filter', 'range', 'metric'] as const;

/** The two ways every aggregation kind names its field. */
interface FieldChoice {
  field?: string | null;
  rawField?: string | null;
}

/** `field` (a vocabulary field) or `rawField` (the source's own name, `raw: true`); BAD_USER_INPUT unless exactly one. */
function fieldOf(name: string, choice: FieldChoice): { field: string; raw?: true } {
  const hasField = choice.field !== undefined && choice.field !== null;
  const hasRaw = choice.rawField !== undefined && choice.rawField !== null;
  if (hasField === hasRaw)
    throw new BadUserInputError(
      `aggregation "${name}": give exactly one of field (the vocabulary, e.g. STATE) and rawField (the source's own name)`,
      { aggregation: name },
    );
  return hasField ? { field: choice.field as string } : { field: choice.rawField as string, raw: true };
}

/** The backend-neutral spec of one request; `BAD_USER_INPUT` unless exactly one kind is given. */
export function toAggregationSpec(request: AggregationRequest): AggregationSpec {
  const given = KINDS.filter((kind) => request[kind] !== undefined && request[kind] !== null);
  if (given.length !== 1) {
    throw new BadUserInputError(
      `aggregation "${request.name}" must give exactly one of ${KINDS.join(', ')}; got ${given.length === 0 ? 'none' : given.join(', ')}`,
      {
        aggregation: request.name,
      },
    );
  }
  const { name, terms, dateHistogram: h, filter, range, metric } = request;
  const kind = (terms ?? h ?? filter ?? range ?? metric) as FieldChoice;
  const field = fieldOf(name, kind);
  if (terms) return { name, kind: 'TERMS', ...field, size: terms.size ?? 10 };
  if (filter) return { name, kind: 'FILTER', ...field, value: filter.value };
  if (range) return { name, kind: 'RANGE', ...field, ranges: range.ranges.map((r) => ({ ...r })) };
  if (metric)
    return {
      name,
      kind: 'METRIC',
      ...field,
      op: metric.op,
      ...(metric.percents ? { percents: metric.percents } : {}),
    };
  const histogram = h as NonNullable<typeof h>;
  return {
    name,
    kind: 'DATE_HISTOGRAM',
    ...field,
    ...(histogram.fixedInterval != null ? { fixedInterval: histogram.fixedInterval } : {}),
    ...(histogram.calendarInterval != null ? { calendarInterval: histogram.calendarInterval } : {}),
    ...(histogram.minDocCount != null ? { minDocCount: histogram.minDocCount } : {}),
    ...(histogram.extendedBounds
      ? { extendedBounds: { min: histogram.extendedBounds.min.getTime(), max: histogram.extendedBounds.max.getTime() } }
      : {}),
  };
}

/** The backend-neutral filter: times as epoch ms, absent fields left out. */
export function toAggregationFilterSpec(filter: AggregationFilter | null | undefined): AggregationFilterSpec {
  const spec: AggregationFilterSpec = {};
  if (!filter) return spec;
  for (const [key, value] of Object.entries(filter) as Array<[keyof AggregationFilter, unknown]>) {
    if (value === undefined || value === null) continue;
    (spec as Record<string, unknown>)[key] = value instanceof Date ? value.getTime() : value;
  }
  return spec;
}

/** The GraphQL result of a backend answer: buckets know the total (for `share`), histogram buckets their start as a date. */
export function toAggregationResult(data: AggregationResultData): AggregationResult {
  return {
    total: data.total,
    aggregations: data.aggregations.map((agg) => ({
      name: agg.name,
      kind: agg.kind as AggregationKind,
      docCount: agg.docCount ?? null,
      value: agg.value ?? null,
      valueAsString: agg.valueAsString ?? null,
      percentiles: agg.percentiles ?? null,
      buckets:
        agg.buckets?.map((bucket) =>
          Object.assign(new AggregationBucket(), {
            key: bucket.key,
            keyAsString: bucket.keyAsString ?? null,
            keyAsDate: agg.kind === 'DATE_HISTOGRAM' ? new Date(Number(bucket.key)) : null,
            docCount: bucket.docCount,
            total: data.total,
          }),
        ) ?? null,
    })),
  };
}
