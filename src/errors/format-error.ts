import type { GraphQLFormattedError } from 'graphql';
import { JobgraphError } from './jobgraph-error';
import { publicBackendError } from './error-audience';
import type { AudienceFormattedError } from './error-audience';

/** Apollo Server codes that mean "the client sent something wrong"; reported as BAD_USER_INPUT. */
const CLIENT_FAULT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js request errors that carry no code (Apollo recognises only the per-variable ones): a
 * value with more than 50 problems (a wide object of unknown fields in a variable) ends coercion
 * with this one.
 */
const CLIENT_FAULT_MESSAGES = new Set([
  'Too many errors processing variables, error limit reached. Execution aborted.',
]);

/** The message every unknown error is replaced by. */
export const MASKED_MESSAGE = 'Internal server error';

/** The JobgraphError behind an error (itself, or along its `originalError` chain), if any. */
export function findJobgraphError(error: unknown): JobgraphError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof JobgraphError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/**
 * graphql-js's parser stops at `maxTokens` (`JOBGRAPH_LIMIT_TOKENS`) with a syntax error; that
 * is a size limit, so it is reported as QUERY_TOO_COMPLEX like the others.
 */
function tokenLimitError(formatted: GraphQLFormattedError): JobgraphError | undefined {
  if (formatted.extensions?.['code'] !== 'GRAPHQL_PARSE_FAILED') return undefined;
  const match = /Document contains more tha[nt] (\d+) tokens/.exec(formatted.message);
  if (!match) return undefined;
  const max = Number(match[1]);
  return new JobgraphError('QUERY_TOO_COMPLEX', `query has more than ${max} tokens, the limit`, {
    details: { limit: 'tokens', max },
  });
}

/** Whether an error will be masked by {@link formatJobgraphError}: neither ours nor a client fault. */
export function isUnknownError(formatted: GraphQLFormattedError, error: unknown): boolean {
  if (findJobgraphError(error)) return false;
  if (CLIENT_FAULT_MESSAGES.has(formatted.message)) return false;
  const code = formatted.extensions?.['code'];
  return !(typeof code === 'string' && CLIENT_FAULT_CODES.has(code));
}

/**
 * Apollo Server's `formatError`: keeps JobgraphErrors (their code, backend and details),
 * reports request problems as BAD_USER_INPUT, and masks everything else as
 * INTERNAL_SERVER_ERROR with a fixed message (the error itself is logged with the request id
 * by the request-log plugin). Only codes of the closed set reach clients. A backend error comes
 * out in the form every caller may read (worded message, no URI, address, path or command;
 * see `publicBackendError`); its detail is kept for `forAudience`, which gives it to operators
 * and the log, and is lost if the error is serialised without that step.
 */
export function formatJobgraphError(formatted: GraphQLFormattedError, error: unknown): AudienceFormattedError {
  const tokens = tokenLimitError(formatted);
  if (tokens) return { message: tokens.message, extensions: { ...tokens.extensions } };
  const ours = findJobgraphError(error);
  const where = {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
  if (ours) {
    const extensions = { ...ours.extensions };
    delete extensions['http'];
    if (ours.backend) return publicBackendError(ours, formatted, extensions);
    return { message: formatted.message, ...where, extensions };
  }
  if (!isUnknownError(formatted, error))
    return { message: formatted.message, ...where, extensions: { code: 'BAD_USER_INPUT' } };
  return { message: MASKED_MESSAGE, ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
