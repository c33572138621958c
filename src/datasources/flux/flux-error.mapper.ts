import { JobgraphError, UpstreamError, UpstreamTimeoutError, UpstreamUnavailableError } from '../../errors';
import { ERRNO } from './errno';
import { FluxProtocolError } from './flux-protocol-error';
import { FluxConnectionError, FluxRpcError, FluxTimeoutError } from './flux-rpc-error';

/**
 * Turns a Flux client failure into the public error model, `backend: 'flux'`, naming `what` was
 * asked: connection failures (incl. a refused handshake) → UPSTREAM_UNAVAILABLE; deadlines →
 * UPSTREAM_TIMEOUT; EPERM replies → FORBIDDEN; ENOENT replies → NOT_FOUND (callers that answer
 * null check {@link isFluxNotFound} first); other broker errors and protocol errors →
 * UPSTREAM_ERROR. JobgraphErrors and aborts (the caller's own signal reason) pass through.
 */
export function mapFluxError(error: unknown, what: string): unknown {
  if (error instanceof JobgraphError) return error;
  if (error instanceof FluxConnectionError)
    return new UpstreamUnavailableError('flux', `${what}: ${error.message}`, {
      details: { errno: error.errno },
      cause: error,
    });
  if (error instanceof FluxTimeoutError)
    return new UpstreamTimeoutError('flux', `${what}: ${error.message}`, {
      details: { timeoutMs: error.timeoutMs },
      cause: error,
    });
  if (error instanceof FluxRpcError) {
    const details = { errnum: error.errnum, errno: error.errno, topic: error.topic };
    if (error.errnum === ERRNO.EPERM)
      return new JobgraphError('FORBIDDEN', `${what}: the Flux broker refused access (${error.message})`, {
        backend: 'flux',
        details,
        cause: error,
      });
    if (error.errnum === ERRNO.ENOENT)
      return new JobgraphError('NOT_FOUND', `${what}: ${error.message}`, { backend: 'flux', details, cause: error });
    return new UpstreamError('flux', `${what}: ${error.message}`, { details, cause: error });
  }
  if (error instanceof FluxProtocolError)
    return new UpstreamError('flux', `${what}: ${error.message}`, { cause: error });
  return error;
}

/** True for the broker's "no such job" answer (ENOENT), raw or mapped, which lookups turn into null. */
export function isFluxNotFound(error: unknown): boolean {
  if (error instanceof JobgraphError) return error.code === 'NOT_FOUND' && error.backend === 'flux';
  return error instanceof FluxRpcError && error.errnum === ERRNO.ENOENT;
}
