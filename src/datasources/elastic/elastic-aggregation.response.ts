import type { estypes } from '@elastic/elasticsearch';
import type { AggregationData, AggregationResultData, AggregationSpec } from '../aggregation/aggregation-query';
import { UpstreamError } from '../../errors';

interface RawBucket {
  key: string | number;
  key_as_string?: string;
  doc_count: number;
}

interface RawAggregation {
  buckets?: RawBucket[];
  doc_count?: number;
  value?: number | null;
  value_as_string?: string;
  values?: Array<{ key: number; value: number | null }>;
}

function bucketKey(spec: AggregationSpec, bucket: RawBucket): { key: string; keyAsString?: string } {
  // Boolean terms come back as 1/0 with key_as_string "true"/"false": the string is the key.
  if (bucket.key_as_string !== undefined && spec.kind === 'TERMS')
    return { key: bucket.key_as_string, keyAsString: bucket.key_as_string };
  return {
    key: String(bucket.key),
    ...(bucket.key_as_string !== undefined ? { keyAsString: bucket.key_as_string } : {}),
  };
}

function aggregationData(spec: AggregationSpec, raw: RawAggregation): AggregationData {
  const base = { name: spec.name, kind: spec.kind };
  switch (spec.kind) {
    case 'TERMS':
    case 'DATE_HISTOGRAM':
    case 'RANGE':
      return {
        ...base,
        buckets: (raw.buckets ?? []).map((bucket) => ({ ...bucketKey(spec, bucket), docCount: bucket.doc_count })),
      };
    case 'FILTER':
      return { ...base, docCount: raw.doc_count ?? 0 };
    case 'METRIC':
      if (spec.op === 'PERCENTILES') {
        return {
          ...base,
          percentiles: (raw.values ?? []).map((entry) => ({ percent: entry.key, value: entry.value ?? null })),
        };
      }
      return {
        ...base,
        value: raw.value ?? null,
        ...(raw.value_as_string !== undefined ? { valueAsString: raw.value_as_string } : {}),
      };
    default:
      throw new Error(`unreachable aggregation kind ${String((spec satisfies never as AggregationSpec).kind)}`);
  }
}

/** Maps a size-0 search answer back to the asked aggregations, in request order. */
export function elasticAggregationResult(
  specs: readonly AggregationSpec[],
  response: estypes.SearchResponse,
): AggregationResultData {
  const total = response.hits.total;
  const aggregations = (response.aggregations ?? {}) as Record<string, RawAggregation>;
  return {
    total: typeof total === 'number' ? total : (total?.value ?? 0),
    aggregations: specs.map((spec) => {
      const raw = aggregations[spec.name];
      if (!raw) throw new UpstreamError('elasticsearch', `Elasticsearch answer lacks aggregation ${spec.name}`);
      return aggregationData(spec, raw);
    }),
  };
}
