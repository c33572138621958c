/**
 * The backend-neutral shape of `jobAggregations`: the GraphQL inputs are mapped to these
 * plain types, and each source (Elasticsearch, jobs/aggs API) turns them into its own request
 * and its answer back into {@link AggregationResultData}.
 */

/** Filter shared by every aggregation of one request. Times are epoch milliseconds; `from` inclusive, `to` exclusive (ELASTICSEARCH, FLUX). */
export interface AggregationFilterSpec {
  from?: number;
  to?: number;
  states?: string[];
  results?: string[];
  users?: string[];
  queues?: string[];
  banks?: string[];
  experiments?: string[];
  application?: string;
  appTypes?: string[];
  domains?: string[];
  includesEu?: boolean;
}

export type MetricOp = 'AVG' | 'SUM' | 'MIN' | 'MAX' | 'CARDINALITY' | 'PERCENTILES';

/**
 * Exactly one kind per request, as in the GraphQL input. `field` is a vocabulary field
 * (`STATE`, `SUBMITTED_AT`, … see aggregation-field.ts) unless `raw` is set, when it is the
 * source's own name; the aggregation loader translates vocabulary requests with the source's
 * table before a backend sees them, so backends receive their own names only.
 */
export type AggregationSpec = (
  | { name: string; kind: 'TERMS'; field: string; size: number }
  | {
      name: string;
      kind: 'DATE_HISTOGRAM';
      field: string;
      fixedInterval?: string;
      calendarInterval?: string;
      minDocCount?: number;
      extendedBounds?: { min: number; max: number };
    }
  /** `values` (set by the vocabulary when one value means several of the source's): any of them; `value` is then ignored. */
  | { name: string; kind: 'FILTER'; field: string; value: string; values?: string[] }
  | { name: string; kind: 'RANGE'; field: string; ranges: Array<{ from?: number; to?: number; key?: string }> }
  | { name: string; kind: 'METRIC'; field: string; op: MetricOp; percents?: number[] }
) & {
  /** `field` is the source's own name (the `rawField` argument), not a vocabulary field. */
  raw?: boolean;
};

export type AggregationKind = AggregationSpec['kind'];

export interface AggregationBucketData {
  key: string;
  keyAsString?: string;
  docCount: number;
}

export interface AggregationData {
  name: string;
  kind: AggregationKind;
  docCount?: number;
  value?: number | null;
  valueAsString?: string;
  buckets?: AggregationBucketData[];
  percentiles?: Array<{ percent: number; value: number | null }>;
}

export interface AggregationResultData {
  total: number;
  aggregations: AggregationData[];
}

/** Implemented by each aggregation source. One call = one backend request where the API allows. */
export interface AggregationBackend {
  aggregate(
    filter: AggregationFilterSpec,
    aggs: AggregationSpec[],
    options?: { signal?: AbortSignal },
  ): Promise<AggregationResultData>;
}
