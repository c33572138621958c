import type { HeldUrgencies } from './held-urgencies';

/** The four job control actions, as audited and counted. */
export type JobControlKind = 'cancel' | 'hold' | 'release' | 'urgency';

/** One audited action on one job. */
export interface JobControlAuditEntry {
  action: JobControlKind;
  job: bigint;
  /** `ok`, or the public error code of the refusal or failure. */
  outcome: string;
  /** The urgency asked for (hold, release, urgency). */
  urgency?: number;
  /** The exception note sent to Flux (cancel). */
  note?: string;
  /** Why not, in Flux's words or the gateway's. */
  reason?: string;
}

/** What the job control mutations need from the server (built per request by the context factory). */
export interface JobControlServices {
  /** `JOBGRAPH_JOB_CONTROL`: off answers every mutation FORBIDDEN naming the setting. */
  enabled: boolean;
  /** The process-wide memory of urgencies before a hold. */
  heldUrgencies: HeldUrgencies;
  /** Writes the audit log line (caller, action, job, outcome, request id) and counts the action in /metrics. */
  audit(entry: JobControlAuditEntry): void;
}
