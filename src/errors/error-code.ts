/**
 * The closed set of error codes jobgraph puts in `extensions.code`. This list is the public
 * contract: clients switch on it, so codes are never renamed and new ones are added rarely.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'UPSTREAM_ERROR',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'SLOW_CONSUMER',
  'INTERNAL_SERVER_ERROR',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The backends jobgraph talks to; carried in `extensions.backend` of upstream errors. */
export type BackendName = 'flux' | 'elasticsearch' | 'elog' | 'jobs-aggs' | 'sciagraph' | 'users';

/**
 * How each backend is named in the messages non-operators read ("Flux is unreachable"): the
 * system, never where it runs.
 */
export const BACKEND_LABELS: Record<BackendName, string> = {
  flux: 'Flux',
  elasticsearch: 'Elasticsearch',
  elog: 'the eLog',
  'jobs-aggs': 'the jobs/aggs API',
  sciagraph: 'the Sciagraph report storage',
  users: 'the user database',
};
