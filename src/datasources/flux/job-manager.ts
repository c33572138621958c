import type { FluxCallContext, FluxRpc } from './flux-rpc-port';
import { toWireId } from './wire-id';

/** Job urgency bounds (RFC 30): 0 holds a job, 16 is every job's default, 31 expedites (instance owner only). */
export const JOB_URGENCY = { HOLD: 0, DEFAULT: 16, EXPEDITE: 31 } as const;

/** An exception to raise on a job (`job-manager.raise`): `cancel` at severity 0 is `flux cancel`. */
export interface JobException {
  /** Exception type: non-empty, no whitespace or `=` (e.g. `cancel`). */
  type: string;
  /** 0 (fatal: the job goes to CLEANUP) to 7. */
  severity: number;
  /** Free text the broker stores in the `exception` event (`flux jobs -o {exception.note}`). */
  note: string;
}

/**
 * `job-manager.raise {id, severity, type, note}`: the broker answers an empty success once the
 * `exception` event is in the job's eventlog (fixture control.jsonl). Rejects with the broker's
 * FluxRpcError: ENOENT `unknown job id` / `job is inactive`, EPERM for a guest on another's job.
 */
export async function raiseJobException(
  rpc: FluxRpc,
  id: bigint,
  exception: JobException,
  options: FluxCallContext = {},
): Promise<void> {
  await rpc.call(
    'job-manager.raise',
    { id: toWireId(id), severity: exception.severity, type: exception.type, note: exception.note },
    options,
  );
}

/**
 * `job-manager.urgency {id, urgency}` → the urgency the job had before (`old_urgency`). Rejects
 * with the broker's FluxRpcError: EINVAL `urgency value is out of range`, `job is inactive`,
 * `urgency cannot be changed once resources are allocated`; EPERM for a guest's forbidden change.
 */
export async function setJobUrgency(
  rpc: FluxRpc,
  id: bigint,
  urgency: number,
  options: FluxCallContext = {},
): Promise<number> {
  const reply = await rpc.call('job-manager.urgency', { id: toWireId(id), urgency }, options);
  return Number(reply.old_urgency);
}
