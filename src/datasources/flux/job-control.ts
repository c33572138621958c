import { JobgraphError } from '../../errors';
import { ERRNO } from './errno';
import { mapFluxError } from './flux-error.mapper';
import { FluxRpcError } from './flux-rpc-error';
import type { FluxRpc } from './flux-rpc-port';
import { formatJobId } from './job-id';
import { raiseJobException, setJobUrgency } from './job-manager';
import type { JobException } from './job-manager';

/** One change to one job: raise an exception (cancel) or set its urgency (hold, release, reprioritize). */
export type JobControlRequest =
  { id: bigint; kind: 'raise'; exception: JobException } | { id: bigint; kind: 'urgency'; urgency: number };

/** What the broker answered for one {@link JobControlRequest}: done (with the old urgency), or a typed error. */
export type JobControlOutcome = { ok: true; oldUrgency?: number } | { ok: false; error: JobgraphError };

/**
 * The broker's refusal of a control request as the public error model, `backend: 'flux'`: a
 * refusal the caller can understand (EINVAL, and ENOENT `job is inactive`) is BAD_USER_INPUT with
 * the broker's own text in `message` and `extensions.reason`; ENOENT otherwise NOT_FOUND; EPERM
 * FORBIDDEN; anything else as {@link mapFluxError} maps it.
 */
export function mapControlError(error: unknown, what: string): JobgraphError {
  if (error instanceof FluxRpcError) {
    const reason = error.brokerMessage ?? error.errno;
    const inactive = error.errnum === ERRNO.ENOENT && reason === 'job is inactive';
    if (error.errnum === ERRNO.EINVAL || inactive)
      return new JobgraphError('BAD_USER_INPUT', `${what}: ${reason}`, {
        backend: 'flux',
        details: { reason, errno: error.errno },
        cause: error,
      });
  }
  const mapped = mapFluxError(error, what);
  return mapped instanceof JobgraphError
    ? mapped
    : new JobgraphError('UPSTREAM_ERROR', `${what}: ${String(mapped)}`, { backend: 'flux', cause: mapped });
}

/**
 * Sends every request at once, pipelined on the pool's connections (like lookupMany), and
 * settles each on its own: one outcome per request, in order; a refused or failed request never
 * fails the others. Writes are never retried (a lost reply may have been acted on).
 */
export function controlJobs(rpc: FluxRpc, requests: readonly JobControlRequest[]): Promise<JobControlOutcome[]> {
  return Promise.all(
    requests.map(async (request): Promise<JobControlOutcome> => {
      try {
        if (request.kind === 'raise') {
          await raiseJobException(rpc, request.id, request.exception);
          return { ok: true };
        }
        return { ok: true, oldUrgency: await setJobUrgency(rpc, request.id, request.urgency) };
      } catch (error) {
        const what = `job-manager.${request.kind} ${formatJobId(request.id)}`;
        return { ok: false, error: mapControlError(error, what) };
      }
    }),
  );
}
