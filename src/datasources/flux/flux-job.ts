import type { JobResultName, JobStateName } from './job-state';

/** An exception recorded on an inactive job (job-list `exception_*`). */
export interface FluxJobException {
  occurred: boolean;
  type?: string;
  /** 0 (fatal) to 7. */
  severity?: number;
  note?: string;
}

/**
 * One job as job-list reports it, mapped to camelCase. Every field but the always-present
 * ones is optional: absent in the broker's reply stays absent here (never null, never 0).
 * Times are epoch seconds (floats), as Flux keeps them.
 */
export interface FluxJob {
  id: bigint;
  userId: number;
  /** 0–31; 16 default, 0 held, 31 expedite. */
  urgency: number;
  priority?: number;
  state: JobStateName;
  result?: JobResultName;
  name?: string;
  cwd?: string;
  queue?: string;
  project?: string;
  bank?: string;
  tSubmit: number;
  tDepend?: number;
  tPriority?: number;
  tSched?: number;
  tRun?: number;
  tCleanup?: number;
  tInactive?: number;
  ntasks?: number;
  ncores?: number;
  nnodes?: number;
  /** Time limit in seconds; 0 = unlimited. */
  duration?: number;
  ranks?: string;
  nodelist?: string;
  /** Epoch seconds; 0 = none. */
  expiration?: number;
  /** wait(2) status after the `finish` event. */
  waitStatus?: number;
  success?: boolean;
  exception?: FluxJobException;
  annotations?: Record<string, unknown>;
  dependencies?: string[];
  /**
   * The cluster the job belongs to (docs/clusters.md): set by the gateway when several clusters
   * are configured, and read from history documents that carry one; absent means the default cluster.
   */
  cluster?: string;
}

/** One eventlog entry (RFC 18). */
export interface FluxJobEvent {
  /** Epoch seconds. */
  timestamp: number;
  name: string;
  context?: Record<string, unknown>;
}

/** What `job-info.lookup` returned for one job; only the asked keys are set. */
export interface FluxJobInfo {
  id: bigint;
  /** The stored jobspec (without environment), parsed. */
  jobspec?: Record<string, unknown>;
  eventlog?: FluxJobEvent[];
  /** R, the resource set, parsed. */
  R?: Record<string, unknown>;
  /** J unwrapped: the original signed jobspec, with `attributes.system.environment`. */
  J?: Record<string, unknown>;
}

/** Keys `job-info.lookup` can fetch in one RPC. */
export type FluxJobInfoKey = 'jobspec' | 'eventlog' | 'R' | 'J';

/** job-list.job-stats, mapped. */
export interface FluxJobStats {
  jobStates: {
    depend: number;
    priority: number;
    sched: number;
    run: number;
    cleanup: number;
    inactive: number;
    total: number;
  };
  successful: number;
  failed: number;
  canceled: number;
  timeout: number;
  inactivePurged: number;
  queues?: Array<Omit<FluxJobStats, 'queues'> & { name: string }>;
}
