/** How the caller of a request was identified. */
export type AuthMethod = 'none' | 'proxy-header' | 'jwt';

/**
 * Who is calling. Resolved once per request in the context factory and used by every
 * visibility rule: a caller sees the details (eventlog, jobspec, environment, R, profile
 * download keys) of their own jobs only, unless they are an operator.
 */
export interface Caller {
  /** Unix user name (the Flux job owner is compared by name through the user database). */
  user: string;
  /** Operators see every job's details and may run operator-only mutations. */
  isOperator: boolean;
  via: AuthMethod;
}
