import { ERRNO } from './errno';
import type { FluxJobEvent } from './flux-job';
import { FluxRpcError } from './flux-rpc-error';
import type { FluxCallContext, FluxRpc } from './flux-rpc-port';
import { lookupJob } from './job-info';
import { parseEventlog } from './job-event.mapper';

/** The KVS key of a job's output eventlog (RFC 24), written by the job shell. */
export const OUTPUT_KEY = 'guest.output';

/**
 * `job-info.lookup` of `guest.output`: the output eventlog's events (`header`, `data`,
 * `redirect`), or null when the job has none (never ran: ENOENT `guest.output: key not found`).
 */
export async function lookupOutput(
  rpc: FluxRpc,
  id: bigint,
  options: FluxCallContext = {},
): Promise<FluxJobEvent[] | null> {
  try {
    const reply = await lookupJob(rpc, id, [OUTPUT_KEY], { ...options, flags: 0 });
    const text = reply[OUTPUT_KEY];
    return typeof text === 'string' ? parseEventlog(text) : null;
  } catch (err) {
    if (
      err instanceof FluxRpcError &&
      err.errnum === ERRNO.ENOENT &&
      err.brokerMessage === `${OUTPUT_KEY}: key not found`
    )
      return null;
    throw err;
  }
}
