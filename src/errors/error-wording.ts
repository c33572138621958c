import { BACKEND_LABELS } from './error-code';
import type { BackendName, ErrorCode } from './error-code';
import { internalsIn } from './internal-text';
import type { JobgraphError } from './jobgraph-error';

/** What failed, in words, per code: the predicate after the backend's name ("Flux" + "is unreachable"). */
const FAILURE_WORDS: Record<ErrorCode, string> = {
  UPSTREAM_UNAVAILABLE: 'is unreachable',
  UPSTREAM_TIMEOUT: 'did not answer in time',
  UPSTREAM_ERROR: 'answered an error',
  INTERNAL_SERVER_ERROR: 'refused a request the gateway built (an internal error)',
  FORBIDDEN: 'refused access',
  NOT_FOUND: 'does not know what was asked for',
  UNAUTHENTICATED: "refused the gateway's credentials",
  RATE_LIMITED: 'is over its rate limit; try again later',
  BAD_USER_INPUT: 'refused the request as invalid',
  QUERY_TOO_COMPLEX: 'refused the request as too large',
  SLOW_CONSUMER: 'ended a stream the subscriber did not read',
};

/** Codes whose backend message is always replaced for non-operators: it describes the backend, not the request. */
const BACKEND_FAULTS = new Set<ErrorCode>([
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_ERROR',
  'INTERNAL_SERVER_ERROR',
]);

/** `text` with its first letter upper-cased (labels such as "the eLog" start sentences). */
export function asSentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The backend as messages name it: "Flux", or "Flux cluster b" when the error names a cluster. */
export function backendLabel(backend: BackendName, cluster?: unknown): string {
  const label = BACKEND_LABELS[backend];
  return typeof cluster === 'string' && cluster !== '' && !internalsIn(cluster) ? `${label} cluster ${cluster}` : label;
}

/** The worded message of a backend failure: "Flux is unreachable", "Elasticsearch did not answer in time". */
export function wordedMessage(code: ErrorCode, backend: BackendName, cluster?: unknown): string {
  return asSentence(`${backendLabel(backend, cluster)} ${FAILURE_WORDS[code]}`);
}

/**
 * The message a caller who is not an operator reads for `error`. Errors without a backend keep
 * their message (they describe the request). A backend error keeps its own `publicMessage` when
 * it has one; a backend fault (UPSTREAM_*, or the gateway's own request refused) is worded from
 * its code and backend; another backend error (FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, …) keeps
 * its message unless that names an internal (URI, address, path, command), then it is worded too.
 */
export function publicMessageOf(error: JobgraphError, message: string = error.message): string {
  if (!error.backend) return message;
  const cluster = error.extensions['cluster'];
  if (error.publicMessage !== undefined && !internalsIn(error.publicMessage)) return error.publicMessage;
  if (BACKEND_FAULTS.has(error.code) || internalsIn(message)) return wordedMessage(error.code, error.backend, cluster);
  return message;
}
