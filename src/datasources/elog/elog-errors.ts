import {
  JobgraphError,
  UpstreamError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
  wordedMessage,
} from '../../errors';
import type { ErrorCode, ErrorDetails } from '../../errors';

/** What a failed call was, for the error it raises. */
export interface ElogFailureContext {
  /** Route label, e.g. `new_elog_entry`. */
  route: string;
  /** Writes carry `maybeStored` and `sentAt` (ISO 8601) in `extensions`. */
  write: boolean;
  /** When the request left, for writes (ISO 8601). */
  sentAt?: string;
}

function writeDetails(ctx: ElogFailureContext, maybeStored: boolean): ErrorDetails {
  return ctx.write ? { maybeStored, ...(ctx.sentAt ? { sentAt: ctx.sentAt } : {}) } : {};
}

const MAYBE_STORED =
  'the write may or may not have been stored; check (e.g. search_elog around sentAt) before sending it again';

/** What non-operators read for a failed call: the worded failure, and for a write that may have landed, that warning. */
function publicText(code: ErrorCode, maybeStored: boolean): { publicMessage: string } {
  const worded = wordedMessage(code, 'elog');
  return { publicMessage: maybeStored ? `${worded}; ${MAYBE_STORED}` : worded };
}

/**
 * The typed error for a non-200 answer (§2.4). Bodies are never put in the message: HTML pages
 * are noise and text bodies go to the log only.
 */
export function errorForStatus(status: number, ctx: ElogFailureContext): JobgraphError {
  const what = `eLog answered HTTP ${status} on ${ctx.route}`;
  switch (status) {
    case 401:
      return new JobgraphError('UNAUTHENTICATED', `${what}: credentials missing or refused`, {
        backend: 'elog',
        details: { status, ...writeDetails(ctx, false) },
      });
    case 403:
      return new JobgraphError('FORBIDDEN', `${what}: no identity or no privilege for this experiment`, {
        backend: 'elog',
        details: { status, ...writeDetails(ctx, false) },
      });
    case 404:
      return new JobgraphError('NOT_FOUND', `${what}: unknown experiment or route`, {
        backend: 'elog',
        details: { status, ...writeDetails(ctx, false) },
      });
    case 423:
      return new JobgraphError('FORBIDDEN', `${what}: the experiment is locked`, {
        backend: 'elog',
        details: { status, reason: 'EXPERIMENT_LOCKED', ...writeDetails(ctx, false) },
      });
    case 502:
    case 503:
    case 504:
      return new UpstreamUnavailableError('elog', ctx.write ? `${what}; ${MAYBE_STORED}` : what, {
        details: { status, ...writeDetails(ctx, true) },
        ...publicText('UPSTREAM_UNAVAILABLE', ctx.write),
      });
    default:
      return new UpstreamError('elog', ctx.write && status >= 500 ? `${what}; ${MAYBE_STORED}` : what, {
        details: { status, ...writeDetails(ctx, status >= 500) },
        ...publicText('UPSTREAM_ERROR', ctx.write && status >= 500),
      });
  }
}

/** The deadline passed. For a write the effect is unknown, and the message says so. */
export function timeoutError(timeoutMs: number, ctx: ElogFailureContext): UpstreamTimeoutError {
  const base = `eLog did not answer ${ctx.route} within ${timeoutMs} ms`;
  return new UpstreamTimeoutError('elog', ctx.write ? `${base}; ${MAYBE_STORED}` : base, {
    details: { timeoutMs, ...writeDetails(ctx, true) },
    ...publicText('UPSTREAM_TIMEOUT', ctx.write),
  });
}

const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A network failure: refused or unresolvable (nothing sent), or reset mid-way (maybe stored). */
export function networkError(cause: unknown, ctx: ElogFailureContext): UpstreamUnavailableError {
  const code = causeCode(cause);
  const sent = !(code && NEVER_CONNECTED.has(code));
  const base = `eLog unreachable on ${ctx.route}${code ? ` (${code})` : ''}`;
  return new UpstreamUnavailableError('elog', ctx.write && sent ? `${base}; ${MAYBE_STORED}` : base, {
    details: { ...(code ? { errno: code } : {}), ...writeDetails(ctx, sent) },
    cause,
    ...publicText('UPSTREAM_UNAVAILABLE', ctx.write && sent),
  });
}

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Messages of `success:false` that are the caller's mistake rather than the server's, and the code
 * each becomes (explgbk's own texts, services/explgbk.py and dal/explgbk.py). Anything else is
 * UPSTREAM_ERROR.
 */
const USER_ERRORS: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/^Cannot find run with specified run number/, 'BAD_USER_INPUT'],
  [/^We limit the size of attachments/, 'BAD_USER_INPUT'],
  [/^Cannot post empty message/, 'BAD_USER_INPUT'],
  // Workflows (create_update_workflow_def, workflow_definitions/<id> DELETE, create_workflow_job).
  [/^Create\/update workflow (job )?missing keys/, 'BAD_USER_INPUT'],
  [/^Invalid trigger .* in create\/update workflow/, 'BAD_USER_INPUT'],
  [/^Invalid location .* in create\/update workflow/, 'BAD_USER_INPUT'],
  [/^There already exists a workflow definition for/, 'BAD_USER_INPUT'],
  [/^Cannot delete workflow definition as we have/, 'BAD_USER_INPUT'],
  [/^Cannot create a workflow definition for the user .* for security reasons/, 'FORBIDDEN'],
  [/^Cannot find workflow (definition|object) with id/, 'NOT_FOUND'],
  [/^Cannot find job definition for/, 'NOT_FOUND'],
];

/**
 * Unwraps `{"success": true, "value": …}` (a bare `{"success": true}` gives `undefined`).
 * `success:false` becomes an error carrying `errormsg` (BAD_USER_INPUT, FORBIDDEN or NOT_FOUND for
 * the caller's own mistakes, see USER_ERRORS, else UPSTREAM_ERROR); a body without `success` is
 * UPSTREAM_ERROR.
 */
export function unwrapEnvelope(body: unknown, ctx: ElogFailureContext): unknown {
  if (body === null || typeof body !== 'object' || !('success' in body)) {
    throw new UpstreamError('elog', `eLog answered ${ctx.route} without the success envelope`, {
      details: writeDetails(ctx, false),
    });
  }
  const env = body as { success: unknown; value?: unknown; errormsg?: unknown };
  if (env.success === true) return env.value;
  const message =
    typeof env.errormsg === 'string' && env.errormsg.trim() !== ''
      ? env.errormsg.trim()
      : `eLog reported failure on ${ctx.route}`;
  const details = { ...writeDetails(ctx, false), route: ctx.route };
  const user = USER_ERRORS.find(([re]) => re.test(message));
  if (user) throw new JobgraphError(user[1], message, { backend: 'elog', details });
  throw new UpstreamError('elog', message, { details });
}
