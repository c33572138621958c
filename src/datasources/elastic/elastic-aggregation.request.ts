import type { estypes } from '@elastic/elasticsearch';
import type { AggregationFilterSpec, AggregationSpec } from '../aggregation/aggregation-query';
import { BadUserInputError, QueryTooComplexError } from '../../errors';
import { elasticFieldKind } from './elastic-aggregation.fields';
import { jobHistoryQuery } from './job-history.query';
import {
  CALENDAR_INTERVAL_NAMES,
  calendarUnit,
  CALENDAR_UNIT_MIN_MS,
  fixedIntervalMs,
} from '../aggregation/date-interval';

/** Elasticsearch's `search.max_buckets` default; more buckets fail the whole search. */
export const MAX_AGGREGATION_BUCKETS = 65_536;

function requireField(name: string, field: string, allowed: ReadonlyArray<ReturnType<typeof elasticFieldKind>>): void {
  const kind = elasticFieldKind(field);
  if (!allowed.includes(kind)) {
    throw new BadUserInputError(
      `aggregation ${name}: field "${field}" is ${kind ? `a ${kind} field` : 'not an Elasticsearch history field'}; expected ${allowed.join(' or ')}`,
    );
  }
}

function intervalMs(spec: Extract<AggregationSpec, { kind: 'DATE_HISTOGRAM' }>): {
  ms: number;
  clause: Record<string, string>;
} {
  if ((spec.fixedInterval === undefined) === (spec.calendarInterval === undefined)) {
    throw new BadUserInputError(`aggregation ${spec.name}: give exactly one of fixedInterval and calendarInterval`);
  }
  if (spec.calendarInterval !== undefined) {
    const unit = calendarUnit(spec.calendarInterval);
    if (unit === undefined)
      throw new BadUserInputError(
        `aggregation ${spec.name}: calendarInterval must be one of ${CALENDAR_INTERVAL_NAMES.join(', ')}; got "${spec.calendarInterval}"`,
      );
    return { ms: CALENDAR_UNIT_MIN_MS[unit], clause: { calendar_interval: spec.calendarInterval } };
  }
  const ms = fixedIntervalMs(spec.fixedInterval ?? '');
  if (ms === undefined)
    throw new BadUserInputError(
      `aggregation ${spec.name}: fixedInterval must look like 30s, 6h or 7d; got "${spec.fixedInterval}"`,
    );
  return {
    ms,
    clause: { fixed_interval: spec.fixedInterval as string },
  };
}

function aggregationClause(spec: AggregationSpec): estypes.AggregationsAggregationContainer {
  switch (spec.kind) {
    case 'TERMS':
      requireField(spec.name, spec.field, ['keyword', 'numeric', 'boolean']);
      if (!Number.isInteger(spec.size) || spec.size < 1 || spec.size > 10_000)
        throw new BadUserInputError(`aggregation ${spec.name}: size must be 1–10000`);
      return { terms: { field: spec.field, size: spec.size } };
    case 'DATE_HISTOGRAM': {
      requireField(spec.name, spec.field, ['date']);
      const { ms, clause } = intervalMs(spec);
      const bounds = spec.extendedBounds;
      if (bounds && bounds.min > bounds.max)
        throw new BadUserInputError(`aggregation ${spec.name}: extendedBounds.min is after max`);
      if (bounds && (bounds.max - bounds.min) / ms + 1 > MAX_AGGREGATION_BUCKETS) {
        throw new QueryTooComplexError(
          `buckets of aggregation ${spec.name}`,
          MAX_AGGREGATION_BUCKETS,
          Math.ceil((bounds.max - bounds.min) / ms + 1),
        );
      }
      return {
        date_histogram: {
          field: spec.field,
          ...clause,
          min_doc_count: spec.minDocCount ?? 0,
          ...(bounds ? { extended_bounds: { min: bounds.min, max: bounds.max } } : {}),
        },
      };
    }
    case 'FILTER':
      requireField(spec.name, spec.field, ['keyword', 'numeric', 'boolean']);
      return {
        filter: spec.values ? { terms: { [spec.field]: spec.values } } : { term: { [spec.field]: spec.value } },
      };
    case 'RANGE':
      requireField(spec.name, spec.field, ['numeric', 'date']);
      if (spec.ranges.length === 0) throw new BadUserInputError(`aggregation ${spec.name}: give at least one range`);
      return {
        range: {
          field: spec.field,
          ranges: spec.ranges.map((r) => ({
            ...(r.from !== undefined ? { from: r.from } : {}),
            ...(r.to !== undefined ? { to: r.to } : {}),
            ...(r.key !== undefined ? { key: r.key } : {}),
          })),
        },
      };
    case 'METRIC':
      switch (spec.op) {
        case 'AVG':
        case 'SUM':
          requireField(spec.name, spec.field, ['numeric']);
          return { [spec.op === 'AVG' ? 'avg' : 'sum']: { field: spec.field } };
        case 'MIN':
        case 'MAX':
          requireField(spec.name, spec.field, ['numeric', 'date']);
          return { [spec.op === 'MIN' ? 'min' : 'max']: { field: spec.field } };
        case 'CARDINALITY':
          requireField(spec.name, spec.field, ['keyword', 'numeric', 'date', 'boolean']);
          return { cardinality: { field: spec.field } };
        case 'PERCENTILES': {
          requireField(spec.name, spec.field, ['numeric', 'date']);
          const percents = spec.percents && spec.percents.length > 0 ? spec.percents : [1, 5, 25, 50, 75, 95, 99];
          if (percents.some((p) => !(p >= 0 && p <= 100)))
            throw new BadUserInputError(`aggregation ${spec.name}: percents must be within 0–100`);
          return { percentiles: { field: spec.field, percents, keyed: false } };
        }
        default:
          throw new Error(`unreachable metric op ${String(spec.op satisfies never)}`);
      }
    default:
      throw new Error(`unreachable aggregation kind ${String((spec satisfies never as AggregationSpec).kind)}`);
  }
}

/** Filter of jobAggregations as a history query; the jobs/aggs-only fields are refused. */
function aggregationQuery(filter: AggregationFilterSpec): estypes.QueryDslQueryContainer {
  const unsupported = (['application', 'appTypes', 'domains', 'includesEu'] as const).filter(
    (key) => filter[key] !== undefined,
  );
  if (unsupported.length > 0)
    throw new BadUserInputError(
      `filter ${unsupported.join(', ')}: only the JOBS_API source supports ${unsupported.length > 1 ? 'these' : 'this'}`,
    );
  return jobHistoryQuery({
    ...(filter.states ? { states: filter.states } : {}),
    ...(filter.results ? { results: filter.results } : {}),
    ...(filter.users ? { users: { ids: [], names: filter.users } } : {}),
    ...(filter.queues ? { queues: filter.queues } : {}),
    ...(filter.banks ? { banks: filter.banks } : {}),
    ...(filter.experiments ? { experiments: filter.experiments } : {}),
    submitted: {
      ...(filter.from !== undefined ? { from: filter.from } : {}),
      ...(filter.to !== undefined ? { to: filter.to } : {}),
    },
  });
}

/** One `_search` body (size 0, exact total) holding every aggregation of one filter. */
export function elasticAggregationSearch(
  filter: AggregationFilterSpec,
  aggs: readonly AggregationSpec[],
): estypes.SearchRequest {
  const names = new Set<string>();
  const clauses: Record<string, estypes.AggregationsAggregationContainer> = {};
  for (const spec of aggs) {
    if (!/^[A-Za-z_][A-Za-z0-9_-]{0,127}$/.test(spec.name))
      throw new BadUserInputError(`aggregation name "${spec.name}": letters, digits, _ and - only, at most 128`);
    if (names.has(spec.name)) throw new BadUserInputError(`aggregation name "${spec.name}" is used twice`);
    names.add(spec.name);
    clauses[spec.name] = aggregationClause(spec);
  }
  return { size: 0, track_total_hits: true, query: aggregationQuery(filter), aggs: clauses };
}
