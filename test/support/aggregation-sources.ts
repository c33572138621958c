/** The one aggregation request the cross-source tests send to every source, and how their answers are compared. */

/** Applications the jobs/aggs simulator spreads the dataset over: their union is every job. */
export const JOBS_API_APPLICATIONS = ['atr', 'klewer', 'eventops', 'quasar'] as const;

/** The same request in the vocabulary, whatever the source (JOBS_API holds no STATE, CORES, HOST or RUNTIME: see `fluxOnly`). */
export const COMMON_AGGS = `[
  { name: "status", terms: { field: STATUS, size: 10 } },
  { name: "result", terms: { field: RESULT, size: 10 } },
  { name: "users", terms: { field: USER, size: 100 } },
  { name: "queues", terms: { field: QUEUE, size: 100 } },
  { name: "banks", terms: { field: BANK, size: 100 } },
  { name: "nodes", terms: { field: NODES, size: 100 } },
  { name: "perDay", dateHistogram: { field: SUBMITTED_AT, calendarInterval: "day" } },
  { name: "canceled", filter: { field: RESULT, value: "CANCELED" } },
  { name: "pending", filter: { field: STATUS, value: "PENDING" } }
]`;

/** What ELASTICSEARCH and FLUX both answer besides {@link COMMON_AGGS}. */
export const HISTORY_AGGS = `[
  { name: "states", terms: { field: STATE } },
  { name: "cores", terms: { field: CORES, size: 100 } },
  { name: "hosts", terms: { field: HOST, size: 1000 } },
  { name: "runtimes", range: { field: RUNTIME, ranges: [{ to: 60 }, { from: 60, to: 3600 }, { from: 3600 }] } },
  { name: "longest", metric: { field: RUNTIME, op: MAX } },
  { name: "coresSum", metric: { field: CORES, op: SUM } },
  { name: "firstStart", metric: { field: STARTED_AT, op: MIN } },
  { name: "perHour", dateHistogram: { field: INACTIVE_AT, fixedInterval: "6h" } }
]`;

/** The selection of the answer a comparison looks at. */
export const AGG_FIELDS = 'total aggregations { name kind docCount value buckets { key docCount } }';

/** One source's answer. */
export interface AggAnswer {
  total: number;
  aggregations: Array<{
    name: string;
    kind: string;
    docCount: number | null;
    value: number | null;
    buckets: Array<{ key: string; docCount: number }> | null;
  }>;
}

/**
 * Answers of several queries over disjoint job sets (JOBS_API per application) as one: totals,
 * FILTER counts and bucket counts summed per key; zero buckets dropped (histograms fill zeros
 * differently per part); buckets ordered by count then key, as TERMS answers are.
 */
export function sumAnswers(parts: readonly AggAnswer[]): AggAnswer {
  const first = parts[0] as AggAnswer;
  return {
    total: parts.reduce((sum, part) => sum + part.total, 0),
    aggregations: first.aggregations.map((agg, i) => {
      const all = parts.map((part) => part.aggregations[i] as AggAnswer['aggregations'][number]);
      if (!agg.buckets) return { ...agg, docCount: all.reduce((sum, a) => sum + (a.docCount ?? 0), 0) };
      const counts = new Map<string, number>();
      for (const a of all) for (const b of a.buckets ?? []) counts.set(b.key, (counts.get(b.key) ?? 0) + b.docCount);
      return { ...agg, buckets: orderBuckets([...counts].map(([key, docCount]) => ({ key, docCount }))) };
    }),
  };
}

function orderBuckets(buckets: Array<{ key: string; docCount: number }>): Array<{ key: string; docCount: number }> {
  return buckets
    .filter((b) => b.docCount > 0)
    .sort((a, b) => b.docCount - a.docCount || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** An answer with zero buckets dropped and buckets in count-then-key order, for comparing with {@link sumAnswers}. */
export function nonZero(answer: AggAnswer): AggAnswer {
  return {
    ...answer,
    aggregations: answer.aggregations.map((agg) =>
      agg.buckets ? { ...agg, buckets: orderBuckets(agg.buckets) } : agg,
    ),
  };
}
