/** Flux job states (RFC 21) by name, with their bit values as job-list uses them. */
export const JOB_STATE_BITS = {
  NEW: 1,
  DEPEND: 2,
  PRIORITY: 4,
  SCHED: 8,
  RUN: 16,
  CLEANUP: 32,
  INACTIVE: 64,
} as const;

/** A Flux job state name. */
export type JobStateName = keyof typeof JOB_STATE_BITS;

/** Masks job-list understands: PENDING 14, RUNNING 48, ACTIVE 62, all but NEW 126. */
export const JOB_STATE_MASKS = { PENDING: 14, RUNNING: 48, ACTIVE: 62, ALL: 126 } as const;

/** Flux job results (inactive jobs only) by name, with their bit values. */
export const JOB_RESULT_BITS = {
  COMPLETED: 1,
  FAILED: 2,
  CANCELED: 4,
  TIMEOUT: 8,
} as const;

/** A Flux job result name. */
export type JobResultName = keyof typeof JOB_RESULT_BITS;
