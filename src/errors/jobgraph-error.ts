import { GraphQLError } from 'graphql';
import type { BackendName, ErrorCode } from './error-code';

/** Extra, non-secret facts attached to an error's `extensions` (e.g. `retryAfterSeconds`). */
export type ErrorDetails = Record<string, string | number | boolean | null | undefined>;

/**
 * Base of every error jobgraph raises on purpose. Its `code` (and `backend`, for upstream
 * failures) reach the client in `extensions`; anything that is not a JobgraphError is
 * treated as unknown, logged with the request id and masked.
 */
export class JobgraphError extends GraphQLError {
  readonly code: ErrorCode;
  readonly backend: BackendName | undefined;
  /**
   * The message for callers who are not operators, when `message` may name internals and a
   * safe wording is known (e.g. "the eLog is not configured (set JOBGRAPH_ELOG_URL)"); without it,
   * a backend error is worded from its code and backend (see `publicMessageOf`).
   */
  readonly publicMessage: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: {
      backend?: BackendName;
      details?: ErrorDetails;
      cause?: unknown;
      http?: { status: number; headers?: Map<string, string> };
      publicMessage?: string;
    } = {},
  ) {
    super(message, {
      extensions: {
        code,
        ...(options.backend ? { backend: options.backend } : {}),
        ...(options.details ?? {}),
        // Apollo Server reads `http` for the response status when the error ends a request
        // before execution (limits, authentication); formatJobgraphError drops it from the body.
        ...(options.http ? { http: options.http } : {}),
      },
      ...(options.cause instanceof Error ? { originalError: options.cause } : {}),
    });
    this.name = 'JobgraphError';
    this.code = code;
    this.backend = options.backend;
    this.publicMessage = options.publicMessage;
  }
}

/** Input the caller can fix: a bad id, an out-of-range `first`, an unordered time window. */
export class BadUserInputError extends JobgraphError {
  constructor(message: string, details?: ErrorDetails) {
    super('BAD_USER_INPUT', message, details ? { details } : {});
  }
}

/** The thing asked for does not exist (where the schema says so with an error, not null). */
export class NotFoundError extends JobgraphError {
  constructor(message: string, details?: ErrorDetails) {
    super('NOT_FOUND', message, details ? { details } : {});
  }
}

/** The caller is known but may not see or do this. */
export class ForbiddenError extends JobgraphError {
  constructor(message: string, details?: ErrorDetails) {
    super('FORBIDDEN', message, details ? { details } : {});
  }
}

/** The caller could not be identified (missing or invalid credentials). */
export class UnauthenticatedError extends JobgraphError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message, { http: { status: 401 } });
  }
}

/** A query over a configured depth, breadth or cost limit; rejected before any backend call. */
export class QueryTooComplexError extends JobgraphError {
  constructor(limit: string, max: number, actual: number) {
    super('QUERY_TOO_COMPLEX', `query ${limit} is ${actual}, over the limit of ${max}`, {
      details: { limit, max, actual },
      http: { status: 400 },
    });
  }
}

/** Too many requests from this caller, or a backend quota is exhausted. */
export class RateLimitedError extends JobgraphError {
  constructor(message: string, options: { retryAfterSeconds?: number; backend?: BackendName } = {}) {
    super('RATE_LIMITED', message, {
      ...(options.backend ? { backend: options.backend } : {}),
      ...(options.retryAfterSeconds !== undefined ? { details: { retryAfterSeconds: options.retryAfterSeconds } } : {}),
      // A caller over its own budget gets 429 + Retry-After; a backend quota fails only its fields.
      ...(options.backend === undefined
        ? {
            http: {
              status: 429,
              headers: new Map(
                options.retryAfterSeconds !== undefined ? [['retry-after', String(options.retryAfterSeconds)]] : [],
              ),
            },
          }
        : {}),
    });
  }
}

/**
 * A subscriber fell behind: more messages waited for it than the configured backlog
 * (`JOBGRAPH_SUBSCRIPTION_MAX_BACKLOG`), so its subscription was ended rather than buffered without bound.
 */
export class SlowConsumerError extends JobgraphError {
  constructor(maxBacklog: number) {
    super(
      'SLOW_CONSUMER',
      `the subscription fell more than ${maxBacklog} messages behind and was ended; resubscribe and read faster`,
      { details: { maxBacklog } },
    );
  }
}

/** True when `error` is a {@link JobgraphError} with public code `code` (the typed test; never compare a duck-typed `.code`). */
export function hasErrorCode(error: unknown, code: ErrorCode): error is JobgraphError {
  return error instanceof JobgraphError && error.code === code;
}
