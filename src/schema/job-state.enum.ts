import { registerEnumType } from 'type-graphql';
import { JOB_RESULT_BITS, JOB_STATE_BITS } from '../datasources/flux/job-state';
import type { JobResultName, JobStateName } from '../datasources/flux/job-state';

function namesOf<K extends string>(bits: Record<K, number>): { [P in K]: P } {
  return Object.fromEntries(Object.keys(bits).map((k) => [k, k])) as { [P in K]: P };
}

/** GraphQL `JobState`: the Flux state names (RFC 21), valued by the same names. */
export const JobState: { [P in JobStateName]: P } = namesOf(JOB_STATE_BITS);

/** GraphQL `JobResult`: the result of an inactive job. */
export const JobResult: { [P in JobResultName]: P } = namesOf(JOB_RESULT_BITS);

registerEnumType(JobState, {
  name: 'JobState',
  description: 'Flux job state (RFC 21): NEW → DEPEND → PRIORITY → SCHED → RUN → CLEANUP → INACTIVE.',
});
registerEnumType(JobResult, { name: 'JobResult', description: 'Result of an inactive job.' });
