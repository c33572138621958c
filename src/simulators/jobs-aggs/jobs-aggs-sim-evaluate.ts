import type { JobsAggsDocument } from './jobs-aggs-documents';
import { SimulatedBadRequest } from './jobs-aggs-sim-query';
import type { SimulatedAggregation, SimulatedQuery } from './jobs-aggs-sim-query';
import { dateBucketing, dateBucketKeys } from '../../datasources/aggregation/date-interval';

/** Elasticsearch's default `search.max_buckets`. */
const MAX_BUCKETS = 65_536;

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

function histogram(
  docs: readonly JobsAggsDocument[],
  agg: Extract<SimulatedAggregation, { kind: 'date_histogram' }>,
): object {
  const bucketing = dateBucketing(
    agg.fixedMs !== undefined ? { fixedMs: agg.fixedMs } : { calendar: agg.calendar ?? 'day' },
  );
  const { floor } = bucketing;
  const counts = new Map<number, number>();
  for (const doc of docs) {
    const t = doc[agg.field];
    if (typeof t === 'number') counts.set(floor(t), (counts.get(floor(t)) ?? 0) + 1);
  }
  const ends = [...counts.keys(), ...(agg.bounds ? [floor(agg.bounds.min), floor(agg.bounds.max)] : [])];
  const buckets: Array<{ key_as_string: string; key: number; doc_count: number }> = [];
  for (const key of dateBucketKeys(ends, bucketing)) {
    if (buckets.length >= MAX_BUCKETS)
      throw new SimulatedBadRequest(
        `Trying to create too many buckets. Must be less than or equal to: [${MAX_BUCKETS}]`,
      );
    const doc_count = counts.get(key) ?? 0;
    if (doc_count >= agg.minDocCount) buckets.push({ key_as_string: new Date(key).toISOString(), key, doc_count });
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
