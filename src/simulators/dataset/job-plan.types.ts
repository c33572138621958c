import type { AppProfile } from './catalog';

/**
 * How a generated job ends (or where it is stuck at `now`): the timeline builder turns it
 * into RFC 21 events.
 */
export type JobOutcome =
  | 'complete'
  | 'fail-exit'
  | 'fail-signal'
  | 'timeout'
  | 'cancel-running'
  | 'cancel-pending'
  | 'exec-error'
  | 'unsatisfiable'
  | 'held'
  | 'stuck-priority'
  | 'sched-wait'
  | 'run-long'
  | 'epilog-stuck';

/** Everything decided about one job before its id and events exist. */
export interface JobPlan {
  userId: number;
  userName: string;
  urgency: number;
  app: AppProfile;
  command: string[];
  cwd: string;
  queue?: string;
  bank?: string;
  project?: string;
  ntasks: number;
  coresPerTask: number;
  /** Whole nodes asked for; 0 = slots only. */
  nnodes: number;
  /** Time limit, seconds; 0 = none. */
  duration: number;
  experiment?: string;
  run?: number;
  /** Put experiment/run in `attributes.user` (else only in the environment). */
  userAttrs: boolean;
  /** Index (in submit order) of the job this one depends on, and the scheme. */
  dependency?: { parent: JobPlan; scheme: 'afterok' | 'after-success' };
  /** Microseconds since the instance epoch. */
  submitUs: number;
  outcome: JobOutcome;
  /** Seconds from SCHED to alloc. */
  queueWait: number;
  /** Seconds from start to finish. */
  runtime: number;
  /** Exit code (fail-exit) or signal (fail-signal). */
  code: number;
  cancelNote?: string;
  /** Set once the timeline is built: when the job became inactive, and whether it succeeded. */
  timelineEnd?: { tInactive: number; success: boolean };
}
