import { BadUserInputError } from '../../errors';
import type { AggregationSpec } from '../aggregation/aggregation-query';
import { FIELD_TYPES_BY_KIND } from './jobs-aggs-fields';
import type { JobsAggsFieldType, JobsAggsKind } from './jobs-aggs-fields';
import { checkBucketCount, intervalLengthMs } from './jobs-aggs-interval';

/** One aggregation as the API receives it (contract §4); nothing beyond these keys is ever sent. */
export type WireAggregation =
  | { terms: { field: string; size: number } }
  | {
      date_histogram: {
        field: string;
        fixed_interval?: string;
        calendar_interval?: string;
        min_doc_count?: number;
        extended_bounds?: { min: number; max: number };
      };
    }
  | { filter: { term: Record<string, string> } };

/** An {@link AggregationSpec} of a kind the jobs/aggs API documents. */
export type JobsAggsSpec = Extract<AggregationSpec, { kind: JobsAggsKind }>;

const SUPPORTED = Object.keys(FIELD_TYPES_BY_KIND).join(', ');

/** Throws the contract's `BAD_USER_INPUT` for a kind the API does not document (RANGE, METRIC). */
export function assertSupportedKind(spec: AggregationSpec): asserts spec is JobsAggsSpec {
  if (!(spec.kind in FIELD_TYPES_BY_KIND)) {
    throw new BadUserInputError(
      `aggregation kind ${spec.kind} is not supported by source JOBS_API (supported: ${SUPPORTED})`,
      {
        aggregation: spec.name,
        kind: spec.kind,
      },
    );
  }
}

function checkField(spec: JobsAggsSpec, fields: Readonly<Record<string, JobsAggsFieldType>>): void {
  const type = fields[spec.field];
  const allowed: readonly JobsAggsFieldType[] = FIELD_TYPES_BY_KIND[spec.kind];
  if (type === undefined || !allowed.includes(type)) {
    const candidates = Object.keys(fields).filter((f) => allowed.includes(fields[f] as JobsAggsFieldType));
    throw new BadUserInputError(
      `aggregation "${spec.name}": field "${spec.field}" cannot be used with ${spec.kind} on source JOBS_API (allowed: ${candidates.join(', ')})`,
      { aggregation: spec.name, field: spec.field },
    );
  }
}

/**
 * Validates `spec` against the allow-list and the contract's limits, and builds its wire
 * form. `window` is the request's time window in epoch ms, used to bound histogram buckets.
 */
export function toWireAggregation(
  spec: AggregationSpec,
  fields: Readonly<Record<string, JobsAggsFieldType>>,
  window: { fromMs: number; toMs: number },
): WireAggregation {
  assertSupportedKind(spec);
  checkField(spec, fields);
  switch (spec.kind) {
    case 'TERMS':
      if (!Number.isInteger(spec.size) || spec.size < 1 || spec.size > 1000) {
        throw new BadUserInputError(
          `aggregation "${spec.name}": terms size must be an integer from 1 to 1000, got ${spec.size}`,
          { aggregation: spec.name },
        );
      }
      return { terms: { field: spec.field, size: spec.size } };
    case 'DATE_HISTOGRAM': {
      const intervalMs = intervalLengthMs(spec.name, spec.fixedInterval, spec.calendarInterval);
      if (spec.minDocCount !== undefined && (!Number.isInteger(spec.minDocCount) || spec.minDocCount < 0)) {
        throw new BadUserInputError(
          `aggregation "${spec.name}": minDocCount must be an integer ≥ 0, got ${spec.minDocCount}`,
          { aggregation: spec.name },
        );
      }
      const bounds = spec.extendedBounds;
      if (bounds && bounds.min > bounds.max) {
        throw new BadUserInputError(`aggregation "${spec.name}": extendedBounds.min is after extendedBounds.max`, {
          aggregation: spec.name,
        });
      }
      checkBucketCount(
        spec.name,
        Math.min(window.fromMs, bounds?.min ?? Infinity),
        Math.max(window.toMs, bounds?.max ?? -Infinity),
        intervalMs,
      );
      return {
        date_histogram: {
          field: spec.field,
          ...(spec.fixedInterval !== undefined
            ? { fixed_interval: spec.fixedInterval }
            : { calendar_interval: spec.calendarInterval }),
          ...(spec.minDocCount !== undefined ? { min_doc_count: spec.minDocCount } : {}),
          ...(bounds ? { extended_bounds: { min: Math.trunc(bounds.min), max: Math.trunc(bounds.max) } } : {}),
        },
      };
    }
    case 'FILTER': {
      const values = spec.values ?? [spec.value];
      if (values.length !== 1)
        throw new BadUserInputError(`aggregation "${spec.name}": source JOBS_API filters on exactly one value`, {
          aggregation: spec.name,
        });
      return { filter: { term: { [spec.field]: values[0] as string } } };
    }
    default:
      throw new Error(`unreachable aggregation kind ${(spec as { kind: string }).kind}`);
  }
}
