import { JobgraphError } from './jobgraph-error';
import type { ErrorDetails } from './jobgraph-error';
import type { BackendName } from './error-code';

/** What an upstream error carries besides its message; `publicMessage` is what non-operators read instead of it. */
export interface UpstreamErrorOptions {
  details?: ErrorDetails;
  cause?: unknown;
  publicMessage?: string;
}

/** A backend answered, but with an error or with something we cannot read. */
export class UpstreamError extends JobgraphError {
  constructor(backend: BackendName, message: string, options: UpstreamErrorOptions = {}) {
    super('UPSTREAM_ERROR', message, { backend, ...options });
  }
}

/** A backend did not answer within its deadline. For writes, the effect is unknown. */
export class UpstreamTimeoutError extends JobgraphError {
  constructor(backend: BackendName, message: string, options: UpstreamErrorOptions = {}) {
    super('UPSTREAM_TIMEOUT', message, { backend, ...options });
  }
}

/** A backend is not configured, not reachable, or its circuit breaker is open. */
export class UpstreamUnavailableError extends JobgraphError {
  constructor(backend: BackendName, message: string, options: UpstreamErrorOptions = {}) {
    super('UPSTREAM_UNAVAILABLE', message, { backend, ...options });
  }
}
