import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { Caller } from '../../auth/caller';
import { formatJobId } from '../../datasources/flux/job-id';
import type { HeldUrgencies } from '../../resolvers/held-urgencies';
import type { JobControlServices } from '../../resolvers/job-control.port';

/** The process-wide parts of job control, built once by createServer. */
export interface JobControlSetup {
  /** `JOBGRAPH_JOB_CONTROL`. */
  enabled: boolean;
  heldUrgencies: HeldUrgencies;
  /** `jobgraph_job_control_actions_total{action,outcome}`. */
  actions: Counter<'action' | 'outcome'>;
}

/**
 * The job control services of one request: every audited action is one info line
 * (`"audit":"job-control"`, caller, operator, action, job as f58, outcome, urgency/note/reason,
 * and the request id the request logger carries) and one count in /metrics.
 */
export function jobControlServices(setup: JobControlSetup, caller: Caller, logger: Logger): JobControlServices {
  return {
    enabled: setup.enabled,
    heldUrgencies: setup.heldUrgencies,
    audit(entry) {
      setup.actions.inc({ action: entry.action, outcome: entry.outcome });
      logger.info(
        {
          audit: 'job-control',
          caller: caller.user,
          operator: caller.isOperator,
          action: entry.action,
          job: formatJobId(entry.job),
          outcome: entry.outcome,
          ...(entry.urgency !== undefined ? { urgency: entry.urgency } : {}),
          ...(entry.note !== undefined ? { note: entry.note } : {}),
          ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
        },
        `job control: ${caller.user} ${entry.action} ${formatJobId(entry.job)}: ${entry.outcome}`,
      );
    },
  };
}
