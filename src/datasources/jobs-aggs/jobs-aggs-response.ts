import { isLosslessNumber, isSafeNumber, LosslessNumber, parse } from 'lossless-json';
import type { AggregationBucketData, AggregationData } from '../aggregation/aggregation-query';
import { asRecord } from './jobs-aggs-error-body';
import { jobsAggsError } from './jobs-aggs-errors';
import type { JobsAggsSpec } from './jobs-aggs-wire-aggregation';

/** The readable part of a successful aggs answer (contract §6.1). */
export interface JobsAggsReply {
  total: number;
  /** True when `total` came as `{relation: "gte"}`: a lower bound only. */
  totalIsLowerBound: boolean;
  /** Raw `data.aggregations`, by wire name. */
  aggregations: Record<string, unknown>;
  requestId: string | undefined;
  dailyRemaining: number | undefined;
}

/** The largest count GraphQL's `Int` can carry. */
const MAX_COUNT = 2 ** 31 - 1;

/** Numbers within double precision as numbers; larger ones kept exact, so they are reported rather than rounded. */
function parseNumber(text: string): number | LosslessNumber {
  return isSafeNumber(text) ? Number(text) : new LosslessNumber(text);
}

function malformed(what: string, requestId: string | undefined): Error {
  return jobsAggsError('UPSTREAM_ERROR', `jobs API answer is malformed: ${what}`, {
    upstreamStatus: 200,
    ...(requestId ? { requestId } : {}),
  });
}

function readCount(value: unknown, what: string, requestId: string | undefined): number {
  if (isLosslessNumber(value) || (typeof value === 'number' && value > MAX_COUNT)) {
    throw jobsAggsError('UPSTREAM_ERROR', `jobs API ${what} ${String(value)} is above 2^31-1`, {
      upstreamStatus: 200,
      ...(requestId ? { requestId } : {}),
    });
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw malformed(`${what} is not a count`, requestId);
  return value;
}

/** Reads a 200 answer's text (BigInt-safe) into a {@link JobsAggsReply}; `UPSTREAM_ERROR` when it is not one. */
export function readAggsReply(text: string): JobsAggsReply {
  let body: Record<string, unknown> | undefined;
  try {
    body = asRecord(parse(text, null, parseNumber));
  } catch {
    body = undefined;
  }
  const meta = asRecord(body?.['meta']);
  const requestId = typeof meta?.['request_id'] === 'string' ? meta['request_id'] : undefined;
  const data = asRecord(body?.['data']);
  const aggregations = asRecord(data?.['aggregations']);
  if (!data || !aggregations) throw malformed('no data.aggregations', requestId);
  const rawTotal = data['total'];
  const totalObject = isLosslessNumber(rawTotal) ? undefined : asRecord(rawTotal);
  const total = readCount(totalObject ? totalObject['value'] : rawTotal, 'total', requestId);
  const remaining = asRecord(meta?.['rate_limit'])?.['daily_remaining'];
  return {
    total,
    totalIsLowerBound: totalObject?.['relation'] === 'gte',
    aggregations,
    requestId,
    dailyRemaining: typeof remaining === 'number' ? remaining : undefined,
  };
}

function bucketKey(value: unknown, requestId: string | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || isLosslessNumber(value)) return String(value);
  throw malformed('a bucket has no key', requestId);
}

function readBuckets(
  raw: Record<string, unknown>,
  name: string,
  requestId: string | undefined,
): AggregationBucketData[] {
  const buckets = raw['buckets'];
  if (!Array.isArray(buckets)) throw malformed(`aggregation ${name} has no buckets`, requestId);
  return buckets.map((item: unknown) => {
    const bucket = asRecord(item);
    if (!bucket) throw malformed(`aggregation ${name} has a bucket that is not an object`, requestId);
    const keyAsString = bucket['key_as_string'];
    return {
      key: bucketKey(bucket['key'], requestId),
      ...(typeof keyAsString === 'string' ? { keyAsString } : {}),
      docCount: readCount(bucket['doc_count'], `${name} doc_count`, requestId),
    };
  });
}

/** Maps the raw answer to `spec` (found under its wire name) to the shared shape (contract §6.5). */
export function toAggregationData(spec: JobsAggsSpec, raw: unknown, requestId: string | undefined): AggregationData {
  const agg = asRecord(raw);
  if (!agg) throw malformed(`aggregation ${spec.name} is missing`, requestId);
  if (spec.kind === 'FILTER') {
    return {
      name: spec.name,
      kind: spec.kind,
      docCount: readCount(agg['doc_count'], `${spec.name} doc_count`, requestId),
    };
  }
  return { name: spec.name, kind: spec.kind, buckets: readBuckets(agg, spec.name, requestId) };
}
