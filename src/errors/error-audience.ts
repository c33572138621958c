import type { GraphQLFormattedError } from 'graphql';
import type { ErrorCode } from './error-code';
import { publicMessageOf } from './error-wording';
import { internalsIn } from './internal-text';
import type { JobgraphError } from './jobgraph-error';

/** Where a formatted backend error keeps what only operators (and the log) may read; JSON never serialises it. */
export const OPERATOR_DETAIL: unique symbol = Symbol('jobgraph.operatorDetail');

/** What a backend error's public form leaves out. */
export interface OperatorDetail {
  /** The error's own message: the backend's answer, the address, the path, the errno. */
  diagnostic: string;
  /** `extensions` members withheld from non-operators. */
  withheld: Record<string, unknown>;
}

/** A formatted error that may carry its {@link OperatorDetail}. */
export type AudienceFormattedError = GraphQLFormattedError & { [OPERATOR_DETAIL]?: OperatorDetail };

/** Who reads a response, and where its backend errors are logged. */
export interface ErrorAudience {
  /** Operators get `extensions.diagnostic` and the withheld members. */
  isOperator: boolean;
  /** The gateway's request id, put in `extensions.requestId` so the caller can quote it. */
  requestId: string;
  /** The request's logger: one `backend error` line per backend error, with the full detail. */
  logger: { warn(fields: object, message: string): void };
}

/** Members that describe the backend's insides: the errno, RPC topic, operation, route; the upstream's own text for backend faults. */
const BACKEND_FACTS = new Set(['errno', 'errnum', 'topic', 'operation', 'route', 'roots']);
const FAULT_CODES = new Set<ErrorCode>([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'INTERNAL_SERVER_ERROR',
]);

function withheldFromPublic(code: ErrorCode, key: string, value: unknown): boolean {
  if (key === 'code' || key === 'backend') return false;
  if (BACKEND_FACTS.has(key) || (key === 'detail' && FAULT_CODES.has(code))) return true;
  return typeof value === 'string' && internalsIn(value) !== undefined;
}

/**
 * The form of a backend error every caller may read: the worded message (`publicMessageOf`) and
 * the extensions that name no internals; the original message and the withheld members ride
 * along under {@link OPERATOR_DETAIL} for {@link forAudience}.
 */
export function publicBackendError(
  error: JobgraphError,
  formatted: GraphQLFormattedError,
  extensions: Record<string, unknown>,
): AudienceFormattedError {
  const shown: Record<string, unknown> = {};
  const withheld: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(extensions)) {
    if (withheldFromPublic(error.code, key, value)) withheld[key] = value;
    else shown[key] = value;
  }
  return {
    message: publicMessageOf(error, formatted.message),
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: shown,
    [OPERATOR_DETAIL]: { diagnostic: formatted.message, withheld },
  };
}

/**
 * A formatted error as `audience` may read it. A backend error is logged once (`backend error`,
 * with the request id, the full message and every extension), gets `extensions.requestId` (unless
 * the backend's contract already fills it) and, for operators, `extensions.diagnostic` (the
 * original message) and the withheld members. Other errors pass unchanged.
 */
export function forAudience(error: AudienceFormattedError, audience: ErrorAudience): GraphQLFormattedError {
  const detail = error[OPERATOR_DETAIL];
  if (!detail) return error;
  const shown: GraphQLFormattedError = {
    message: error.message,
    ...(error.locations ? { locations: error.locations } : {}),
    ...(error.path ? { path: error.path } : {}),
  };
  const extensions = error.extensions ?? {};
  audience.logger.warn(
    {
      code: extensions['code'],
      backend: extensions['backend'],
      ...(shown.path ? { path: shown.path.join('.') } : {}),
      diagnostic: detail.diagnostic,
      extensions: { ...extensions, ...detail.withheld },
    },
    'backend error',
  );
  return {
    ...shown,
    extensions: {
      ...extensions,
      ...(extensions['requestId'] === undefined ? { requestId: audience.requestId } : {}),
      ...(audience.isOperator ? { ...detail.withheld, diagnostic: detail.diagnostic } : {}),
    },
  };
}
