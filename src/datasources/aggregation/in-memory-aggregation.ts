import { BadUserInputError, QueryTooComplexError } from '../../errors';
import type { AggregationData, AggregationResultData, AggregationSpec } from './aggregation-query';
import { CALENDAR_INTERVAL_NAMES, calendarUnit, dateBucketing, dateBucketKeys, fixedIntervalMs } from './date-interval';
import type { DateBucketing } from './date-interval';

/** What a field holds, for validation (the same kinds as the Elasticsearch allow-list). */
export type InMemoryFieldKind = 'keyword' | 'numeric' | 'date';

/** One value of a document's field: dates in epoch ms; a list for a multi-valued field (a job's hosts). */
export type InMemoryValue = string | number | readonly string[] | undefined;

/** A field of the documents being aggregated: its kind and how to read it. */
export interface InMemoryField<D> {
  kind: InMemoryFieldKind;
  value(doc: D): InMemoryValue;
}

/** Elasticsearch's `search.max_buckets` default; the in-memory source keeps the same bound. */
export const MAX_IN_MEMORY_BUCKETS = 65_536;

/** Java's Double.toString for the range keys Elasticsearch makes ("100.0", "2.5", "1.0E7"). */
function javaDouble(n: number): string {
  if (Math.abs(n) >= 1e7 || (n !== 0 && Math.abs(n) < 1e-3)) {
    const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
  }
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

function each(value: InMemoryValue, visit: (v: string | number) => void): void {
  if (value === undefined) return;
  if (typeof value === 'object') for (const v of value) visit(v);
  else visit(value);
}

function requireKind(spec: AggregationSpec, kind: InMemoryFieldKind, allowed: readonly InMemoryFieldKind[]): void {
  if (!allowed.includes(kind))
    throw new BadUserInputError(
      `aggregation "${spec.name}": field "${spec.field}" is a ${kind} field; expected ${allowed.join(' or ')}`,
      { aggregation: spec.name, field: spec.field },
    );
}

/** One aggregation's running state: fed every document, then asked for its answer. */
interface Accumulator<D> {
  add(doc: D): void;
  result(): AggregationData;
}

function terms<D>(spec: Extract<AggregationSpec, { kind: 'TERMS' }>, field: InMemoryField<D>): Accumulator<D> {
  requireKind(spec, field.kind, ['keyword', 'numeric', 'date']);
  if (!Number.isInteger(spec.size) || spec.size < 1 || spec.size > 10_000)
    throw new BadUserInputError(`aggregation "${spec.name}": size must be 1–10000`, { aggregation: spec.name });
  const counts = new Map<string | number, number>();
  const count = (v: string | number): void => void counts.set(v, (counts.get(v) ?? 0) + 1);
  return {
    add: (doc) => each(field.value(doc), count),
    result: () => {
      const sorted = [...counts.entries()].sort(
        ([ka, ca], [kb, cb]) =>
          cb - ca || (typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka) < String(kb) ? -1 : 1),
      );
      return {
        name: spec.name,
        kind: 'TERMS',
        buckets: sorted.slice(0, spec.size).map(([key, docCount]) => {
          const text = field.kind === 'date' ? new Date(Number(key)).toISOString() : String(key);
          return field.kind === 'date' ? { key: text, keyAsString: text, docCount } : { key: text, docCount };
        }),
      };
    },
  };
}

function histogram<D>(
  spec: Extract<AggregationSpec, { kind: 'DATE_HISTOGRAM' }>,
  field: InMemoryField<D>,
): Accumulator<D> {
  requireKind(spec, field.kind, ['date']);
  if ((spec.fixedInterval === undefined) === (spec.calendarInterval === undefined))
    throw new BadUserInputError(`aggregation "${spec.name}": give exactly one of fixedInterval and calendarInterval`, {
      aggregation: spec.name,
    });
  let bucketing: DateBucketing;
  if (spec.fixedInterval !== undefined) {
    const ms = fixedIntervalMs(spec.fixedInterval);
    if (ms === undefined)
      throw new BadUserInputError(
        `aggregation "${spec.name}": fixedInterval must look like 30s, 6h or 7d; got "${spec.fixedInterval}"`,
        { aggregation: spec.name },
      );
    bucketing = dateBucketing({ fixedMs: ms });
  } else {
    const unit = calendarUnit(spec.calendarInterval as string);
    if (unit === undefined)
      throw new BadUserInputError(
        `aggregation "${spec.name}": calendarInterval must be one of ${CALENDAR_INTERVAL_NAMES.join(', ')}; got "${spec.calendarInterval}"`,
        { aggregation: spec.name },
      );
    bucketing = dateBucketing({ calendar: unit });
  }
  const { floor } = bucketing;
  const bounds = spec.extendedBounds;
  if (bounds && bounds.min > bounds.max)
    throw new BadUserInputError(`aggregation "${spec.name}": extendedBounds.min is after max`, {
      aggregation: spec.name,
    });
  const counts = new Map<number, number>();
  return {
    add: (doc) =>
      each(field.value(doc), (t) => {
        const key = floor(t as number);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }),
    result: () => {
      const ends = [...counts.keys(), ...(bounds ? [floor(bounds.min), floor(bounds.max)] : [])];
      const buckets: Array<{ key: string; keyAsString: string; docCount: number }> = [];
      let n = 0;
      for (const key of dateBucketKeys(ends, bucketing)) {
        if (n++ >= MAX_IN_MEMORY_BUCKETS)
          throw new QueryTooComplexError(`buckets of aggregation ${spec.name}`, MAX_IN_MEMORY_BUCKETS, n);
        const docCount = counts.get(key) ?? 0;
        if (docCount >= (spec.minDocCount ?? 0))
          buckets.push({ key: String(key), keyAsString: new Date(key).toISOString(), docCount });
      }
      return { name: spec.name, kind: 'DATE_HISTOGRAM', buckets };
    },
  };
}

function filter<D>(spec: Extract<AggregationSpec, { kind: 'FILTER' }>, field: InMemoryField<D>): Accumulator<D> {
  requireKind(spec, field.kind, ['keyword', 'numeric']);
  const wanted = new Set(spec.values ?? [spec.value]);
  let docCount = 0;
  return {
    add: (doc) => {
      let hit = false;
      each(field.value(doc), (v) => (hit ||= wanted.has(String(v))));
      if (hit) docCount++;
    },
    result: () => ({ name: spec.name, kind: 'FILTER', docCount }),
  };
}

function range<D>(spec: Extract<AggregationSpec, { kind: 'RANGE' }>, field: InMemoryField<D>): Accumulator<D> {
  requireKind(spec, field.kind, ['numeric', 'date']);
  if (spec.ranges.length === 0)
    throw new BadUserInputError(`aggregation "${spec.name}": give at least one range`, { aggregation: spec.name });
  const show = (n: number): string => (field.kind === 'date' ? new Date(n).toISOString() : javaDouble(n));
  // Elasticsearch answers ranges ordered by from, then to.
  const ranges = [...spec.ranges]
    .sort((a, b) => (a.from ?? -Infinity) - (b.from ?? -Infinity) || (a.to ?? Infinity) - (b.to ?? Infinity))
    .map((r) => ({
      from: r.from ?? -Infinity,
      to: r.to ?? Infinity,
      key: r.key ?? `${r.from !== undefined ? show(r.from) : '*'}-${r.to !== undefined ? show(r.to) : '*'}`,
      docCount: 0,
    }));
  return {
    add: (doc) =>
      each(field.value(doc), (v) => {
        for (const r of ranges) if ((v as number) >= r.from && (v as number) < r.to) r.docCount++;
      }),
    result: () => ({
      name: spec.name,
      kind: 'RANGE',
      buckets: ranges.map((r) => ({ key: r.key, docCount: r.docCount })),
    }),
  };
}

/** Linear interpolation between the closest ranks (exact; Elasticsearch estimates with TDigest). */
function percentile(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (percent / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const a = sorted[low] as number;
  const b = sorted[Math.min(low + 1, sorted.length - 1)] as number;
  return a + (b - a) * (rank - low);
}

function metric<D>(spec: Extract<AggregationSpec, { kind: 'METRIC' }>, field: InMemoryField<D>): Accumulator<D> {
  const numericOnly = spec.op === 'AVG' || spec.op === 'SUM';
  requireKind(
    spec,
    field.kind,
    numericOnly ? ['numeric'] : spec.op === 'CARDINALITY' ? ['keyword', 'numeric', 'date'] : ['numeric', 'date'],
  );
  const percents = spec.percents && spec.percents.length > 0 ? spec.percents : [1, 5, 25, 50, 75, 95, 99];
  if (spec.op === 'PERCENTILES' && percents.some((p) => !(p >= 0 && p <= 100)))
    throw new BadUserInputError(`aggregation "${spec.name}": percents must be within 0–100`, {
      aggregation: spec.name,
    });
  const base = { name: spec.name, kind: 'METRIC' as const };
  const asString = (value: number | null) =>
    field.kind === 'date' && value !== null ? { valueAsString: new Date(value).toISOString() } : {};
  const op = spec.op;
  if (op === 'CARDINALITY') {
    const seen = new Set<string | number>();
    return { add: (doc) => each(field.value(doc), (v) => seen.add(v)), result: () => ({ ...base, value: seen.size }) };
  }
  if (op === 'PERCENTILES') {
    const values: number[] = [];
    return {
      add: (doc) => each(field.value(doc), (v) => values.push(v as number)),
      result: () => {
        values.sort((a, b) => a - b);
        return { ...base, percentiles: percents.map((p) => ({ percent: p, value: percentile(values, p) })) };
      },
    };
  }
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  return {
    add: (doc) =>
      each(field.value(doc), (v) => {
        n++;
        sum += v as number;
        if ((v as number) < min) min = v as number;
        if ((v as number) > max) max = v as number;
      }),
    result: () => {
      const value = { AVG: n > 0 ? sum / n : null, SUM: sum, MIN: n > 0 ? min : null, MAX: n > 0 ? max : null }[op];
      return { ...base, value, ...asString(op === 'MIN' || op === 'MAX' ? value : null) };
    },
  };
}

function accumulator<D>(spec: AggregationSpec, field: InMemoryField<D>): Accumulator<D> {
  switch (spec.kind) {
    case 'TERMS':
      return terms(spec, field);
    case 'DATE_HISTOGRAM':
      return histogram(spec, field);
    case 'FILTER':
      return filter(spec, field);
    case 'RANGE':
      return range(spec, field);
    case 'METRIC':
      return metric(spec, field);
    default:
      throw new Error(`unreachable aggregation kind ${String((spec satisfies never as AggregationSpec).kind)}`);
  }
}

/** Aggregations computed in the gateway, one pass over the documents: {@link add} each, then {@link result}. */
export interface InMemoryAggregator<D> {
  add(doc: D): void;
  result(): AggregationResultData;
}

/**
 * Checks `specs` (field kinds, sizes, intervals, names as Elasticsearch would; `BAD_USER_INPUT`
 * before any document is read) and returns an aggregator with Elasticsearch's answers: terms by
 * count then key, date histograms filled between the first and last bucket (and to
 * `extendedBounds`), ranges [from, to) ordered by from, `total` the documents added.
 */
export function createInMemoryAggregator<D>(
  specs: readonly AggregationSpec[],
  fieldOf: (spec: AggregationSpec) => InMemoryField<D>,
): InMemoryAggregator<D> {
  const names = new Set<string>();
  for (const { name } of specs) {
    if (names.has(name)) throw new BadUserInputError(`aggregation name "${name}" is used twice`, { aggregation: name });
    names.add(name);
  }
  const accumulators = specs.map((spec) => accumulator(spec, fieldOf(spec)));
  let total = 0;
  return {
    add(doc) {
      total++;
      for (const acc of accumulators) acc.add(doc);
    },
    result: () => ({ total, aggregations: accumulators.map((acc) => acc.result()) }),
  };
}
