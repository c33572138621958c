import { JobgraphError, UpstreamError, UpstreamTimeoutError, UpstreamUnavailableError } from '../../errors';
import type { ErrorCode, ErrorDetails } from '../../errors';
import type { HttpReply } from './jobs-aggs-http';
import { errorDetailOf, requestIdOf, tryParseJson } from './jobs-aggs-error-body';

/** What every jobs/aggs error carries in `extensions` besides `code` and `backend` (§7.2). */
export interface UpstreamFacts {
  upstreamStatus?: number;
  detail?: string;
  requestId?: string;
}

/**
 * A {@link JobgraphError} with `backend: "jobs-aggs"` and the given facts in `extensions`; the
 * upstream codes get their own subclasses so policies can match them by type.
 */
export function jobsAggsError(
  code: ErrorCode,
  message: string,
  facts: UpstreamFacts & ErrorDetails = {},
): JobgraphError {
  const options = { details: facts };
  switch (code) {
    case 'UPSTREAM_ERROR':
      return new UpstreamError('jobs-aggs', message, options);
    case 'UPSTREAM_TIMEOUT':
      return new UpstreamTimeoutError('jobs-aggs', message, options);
    case 'UPSTREAM_UNAVAILABLE':
      return new UpstreamUnavailableError('jobs-aggs', message, options);
    default:
      return new JobgraphError(code, message, { backend: 'jobs-aggs', details: facts });
  }
}

/** The next 00:00:00Z after `nowMs`, in epoch ms: when the vendor's daily quotas reset. */
export function nextUtcMidnight(nowMs: number): number {
  const day = 86_400_000;
  return Math.floor(nowMs / day) * day + day;
}

/**
 * When a 429 may be retried, in epoch ms: from `Retry-After` (delta-seconds or HTTP-date,
 * RFC 9110 §10.2.3) when present and readable, otherwise the next midnight UTC.
 */
export function rateLimitResetAt(headers: Headers, nowMs: number): number {
  const value = headers.get('retry-after')?.trim();
  if (value) {
    if (/^\d+$/.test(value)) return nowMs + Number(value) * 1000;
    const date = Date.parse(value);
    if (!Number.isNaN(date)) return Math.max(date, nowMs);
  }
  return nextUtcMidnight(nowMs);
}

/** The code an unsuccessful aggs answer maps to (§7.2); 401 is handled before this, by a token refresh. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'BAD_USER_INPUT';
  if (status === 403) return 'FORBIDDEN';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}

/** Turns an unsuccessful aggs answer into the typed error of §7.2, with the upstream detail and request id. */
export function errorForReply(reply: HttpReply, nowMs: number): JobgraphError {
  const detail = errorDetailOf(reply.text, reply.statusText || `HTTP ${reply.status}`);
  const requestId = requestIdOf(tryParseJson(reply.text), reply.headers);
  const facts: UpstreamFacts & ErrorDetails = {
    upstreamStatus: reply.status,
    detail,
    ...(requestId ? { requestId } : {}),
  };
  const code = codeForStatus(reply.status);
  if (code === 'RATE_LIMITED') {
    const resetAt = rateLimitResetAt(reply.headers, nowMs);
    const retryAfterSeconds = Math.max(0, Math.ceil((resetAt - nowMs) / 1000));
    return jobsAggsError(
      code,
      `jobs API rate limit reached (${detail}); retry after ${new Date(resetAt).toISOString()}`,
      {
        ...facts,
        resetAt: new Date(resetAt).toISOString(),
        retryAfterSeconds,
      },
    );
  }
  return jobsAggsError(code, `jobs API answered ${reply.status}: ${detail}`, facts);
}
