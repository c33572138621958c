import type { JobsAggsDocument } from './jobs-aggs-documents';
import { SimulatedBadRequest } from './jobs-aggs-sim-query';
import type { CalendarUnit, SimulatedAggregation, SimulatedQuery } from './jobs-aggs-sim-query';

/** Elasticsearch's default `search.max_buckets`. */
const MAX_BUCKETS = 65_536;

const DAY_MS = 86_400_000;

/** The documents a query's filters select: window inclusive, OR within a field, AND across fields. */
export function selectDocuments(documents: readonly JobsAggsDocument[], query: SimulatedQuery): JobsAggsDocument[] {
  return documents.filter((doc) => {
    const t = doc['@timestamp'];
    if (typeof t !== 'number' || t < query.fromMs || t > query.toMs) return false;
    if (doc['application'] !== query.application) return false;
    if (query.appTypes && !query.appTypes.includes(String(doc['app_type']))) return false;
    if (query.domains && !query.domains.includes(String(doc['domain']))) return false;
    return query.includesEu || doc['region'] !== 'eu';
  });
}

function compareKeys(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

function terms(docs: readonly JobsAggsDocument[], field: string, size: number): object {
  const counts = new Map<string | number, number>();
  for (const doc of docs) {
    const value = doc[field];
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort(([ka, ca], [kb, cb]) => cb - ca || compareKeys(ka, kb));
  const kept = sorted.slice(0, size);
  const other = sorted.slice(size).reduce((sum, [, count]) => sum + count, 0);
  return {
    doc_count_error_upper_bound: 0,
    sum_other_doc_count: other,
    buckets: kept.map(([key, doc_count]) => ({ key, doc_count })),
  };
}

/** Start of the calendar unit holding `t` (UTC; weeks start on Monday). */
function calendarFloor(t: number, unit: CalendarUnit): number {
  const d = new Date(t);
  switch (unit) {
    case 'minute':
      return Math.floor(t / 60_000) * 60_000;
    case 'hour':
      return Math.floor(t / 3_600_000) * 3_600_000;
    case 'day':
      return Math.floor(t / DAY_MS) * DAY_MS;
    case 'week': {
      const day = Math.floor(t / DAY_MS);
      return (day - ((day + 3) % 7)) * DAY_MS;
    }
    case 'month':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case 'quarter':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (d.getUTCMonth() % 3), 1);
    case 'year':
      return Date.UTC(d.getUTCFullYear(), 0, 1);
    default:
      throw new Error(`unreachable calendar unit ${String(unit)}`);
  }
}

function calendarNext(key: number, unit: CalendarUnit): number {
  const d = new Date(key);
  const monthsAhead = { month: 1, quarter: 3, year: 12 } as Record<CalendarUnit, number | undefined>;
  const months = monthsAhead[unit];
  if (months !== undefined) return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
  const lengths = { minute: 60_000, hour: 3_600_000, day: DAY_MS, week: 7 * DAY_MS } as Record<CalendarUnit, number>;
  return key + lengths[unit];
}

function histogram(
  docs: readonly JobsAggsDocument[],
  agg: Extract<SimulatedAggregation, { kind: 'date_histogram' }>,
): object {
  const floor = (t: number): number =>
    agg.fixedMs !== undefined ? Math.floor(t / agg.fixedMs) * agg.fixedMs : calendarFloor(t, agg.calendar ?? 'day');
  const next = (key: number): number =>
    agg.fixedMs !== undefined ? key + agg.fixedMs : calendarNext(key, agg.calendar ?? 'day');
  const counts = new Map<number, number>();
  for (const doc of docs) {
    const t = doc[agg.field];
    if (typeof t === 'number') counts.set(floor(t), (counts.get(floor(t)) ?? 0) + 1);
  }
  const keys = [...counts.keys()];
  const ends = [...keys, ...(agg.bounds ? [floor(agg.bounds.min), floor(agg.bounds.max)] : [])];
  const buckets: Array<{ key_as_string: string; key: number; doc_count: number }> = [];
  if (ends.length > 0) {
    const last = Math.max(...ends);
    for (let key = Math.min(...ends); key <= last; key = next(key)) {
      if (buckets.length >= MAX_BUCKETS)
        throw new SimulatedBadRequest(
          `Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}]`,
        );
      const doc_count = counts.get(key) ?? 0;
      if (doc_count >= agg.minDocCount) buckets.push({ key_as_string: new Date(key).toISOString(), key, doc_count });
    }
  }
  return { buckets };
}

/** One aggregation over the selected documents, with Elasticsearch's semantics (contract §6.2–6.4). */
export function evaluateAggregation(docs: readonly JobsAggsDocument[], agg: SimulatedAggregation): object {
  switch (agg.kind) {
    case 'terms':
      return terms(docs, agg.field, agg.size);
    case 'date_histogram':
      return histogram(docs, agg);
    case 'filter':
      return {
        doc_count: docs.filter((doc) => doc[agg.field] !== undefined && String(doc[agg.field]) === String(agg.value))
          .length,
      };
    default:
      throw new Error(`unreachable aggregation kind ${String((agg as { kind: string }).kind)}`);
  }
}
