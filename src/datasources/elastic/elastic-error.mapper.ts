import { errors } from '@elastic/elasticsearch';
import {
  BadUserInputError,
  JobgraphError,
  QueryTooComplexError,
  RateLimitedError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from '../../errors';

interface ElasticErrorBody {
  error?: {
    type?: string;
    reason?: string;
    root_cause?: Array<{ type?: string; reason?: string }>;
    caused_by?: { type?: string; reason?: string };
  };
}

/** The most specific Elasticsearch error type of a response: `root_cause[0].type`, then `caused_by.type`, then `type`. */
export function elasticErrorTypes(error: unknown): string[] {
  if (!(error instanceof errors.ResponseError)) return [];
  const body = (error.meta.body ?? {}) as ElasticErrorBody;
  return [body.error?.root_cause?.[0]?.type, body.error?.caused_by?.type, body.error?.type].filter(
    (type): type is string => !!type,
  );
}

/** HTTP status of a client ResponseError, else undefined. */
export function elasticStatus(error: unknown): number | undefined {
  return error instanceof errors.ResponseError ? error.meta.statusCode : undefined;
}

/**
 * Maps what the Elasticsearch client threw to the public error model (contract §6), with
 * `backend: 'elasticsearch'` and `what` (the operation) in the message. JobgraphErrors pass through.
 */
export function toElasticError(error: unknown, what: string): JobgraphError {
  if (error instanceof JobgraphError) return error;
  const backend = 'elasticsearch';
  const options = { cause: error, details: { operation: what } };
  if (error instanceof errors.RequestAbortedError && /content length/i.test(error.message)) {
    return new UpstreamError(backend, `Elasticsearch ${what}: answer too large (${error.message})`, options);
  }
  if (error instanceof errors.TimeoutError || error instanceof errors.RequestAbortedError) {
    return new UpstreamTimeoutError(backend, `Elasticsearch ${what}: no answer within the deadline`, options);
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return new UpstreamUnavailableError(
      backend,
      `Elasticsearch ${what}: cluster not reachable (${error.message})`,
      options,
    );
  }
  if (!(error instanceof errors.ResponseError)) {
    return new UpstreamError(
      backend,
      `Elasticsearch ${what} failed: ${error instanceof Error ? error.message : String(error)}`,
      options,
    );
  }
  const status = error.meta.statusCode ?? 0;
  const types = elasticErrorTypes(error);
  const reason = ((error.meta.body ?? {}) as ElasticErrorBody).error?.root_cause?.[0]?.reason ?? error.message;
  if (types.includes('too_many_buckets_exception'))
    return new QueryTooComplexError('aggregation buckets', 65_536, 65_537);
  if (status === 429)
    return new RateLimitedError(`Elasticsearch ${what}: overloaded (${types[0] ?? 429})`, { backend });
  if (types.includes('index_not_found_exception')) {
    return new UpstreamUnavailableError(backend, `Elasticsearch ${what}: index missing (${reason})`, options);
  }
  if (
    status === 400 &&
    types.some(
      (type) =>
        type === 'parse_exception' || type === 'x_content_parse_exception' || type === 'illegal_argument_exception',
    )
  ) {
    return new BadUserInputError(`Elasticsearch ${what}: ${reason}`, { backend });
  }
  if (types.includes('parsing_exception')) {
    return new JobgraphError(
      'INTERNAL_SERVER_ERROR',
      `Elasticsearch ${what}: the gateway built a malformed request (${reason})`,
      { backend, ...options },
    );
  }
  if (status === 502 || status === 503 || status === 504) {
    return new UpstreamUnavailableError(backend, `Elasticsearch ${what}: HTTP ${status}`, options);
  }
  return new UpstreamError(backend, `Elasticsearch ${what}: HTTP ${status} ${types[0] ?? ''}`.trim(), options);
}
