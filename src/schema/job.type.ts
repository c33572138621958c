import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';
import type { JobResultName, JobStateName } from '../datasources/flux/job-state';
import { JobException } from './job-exception.type';
import { JobIdForms } from './job-id-forms.type';
import { JobEvent } from './job-event.type';
import { JobResult, JobState } from './job-state.enum';
import { Jobspec } from './jobspec.type';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { JobIdScalar } from './scalars/job-id.scalar';
import { JSONScalar } from './scalars/json.scalar';

/**
 * A Flux job. Its root value is always a `FluxJob` (src/datasources/flux/flux-job.ts), whoever
 * found it (job-list, job history, a profile report): fields named like a FluxJob property
 * are read from it; the others are field resolvers (`job.resolver.ts`, and each backend's own
 * `job-<backend>.resolver.ts` for joins such as `profile` or `elogRun`).
 */
@ObjectType({ description: 'A Flux job: live from job-list, details from job-info.' })
// Federation keys (docs/federation.md): the id alone (one cluster; a bare id two clusters know is
// BAD_USER_INPUT, as in job(id:)), and id + cluster, which names one job whatever the clusters.
@Directive('@key(fields: "id")')
@Directive('@key(fields: "id cluster")')
export class Job {
  @Field(() => JobIdScalar)
  id!: bigint;

  @Field(() => JobIdForms, { description: 'The id in every RFC 19 form.' })
  ids!: JobIdForms;

  @Field(() => Int, { description: 'Unix uid of the submitter.' })
  userId!: number;

  @Field(() => String, {
    nullable: true,
    description: 'User name of userId from the system user database; null when unknown.',
  })
  userName?: string;

  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) queue?: string;
  @Field(() => String, { nullable: true }) project?: string;
  @Field(() => String, { nullable: true }) bank?: string;
  @Field(() => String, { nullable: true, description: 'Working directory.' }) cwd?: string;

  @Field(() => JobState)
  state!: JobStateName;

  @Field(() => JobResult, { nullable: true, description: 'Set once the job is INACTIVE.' })
  result?: JobResultName;

  @Field(() => String, { description: 'Like flux jobs STATUS: the state while pending or running, else the result.' })
  status!: string;

  @Field(() => String, {
    description: 'Like flux jobs ST: status in short form (D, P, S, R, C while active; CD, F, CA, TO once inactive).',
  })
  statusAbbrev!: string;

  @Field(() => Int, { description: '0–31; 16 default, 0 held, 31 expedite.' })
  urgency!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Set once the job reached SCHED: 0–4294967295 (an unsigned 32-bit integer, beyond GraphQL Int: an expedited job has 4294967295).',
  })
  priority?: number;

  @Field(() => DateTimeScalar) submittedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it started running (t_run).' }) startedAt?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it entered CLEANUP.' }) cleanupAt?: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it became INACTIVE.' }) inactiveAt?: Date;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds from submit to run; while pending, to now; null if it never ran.',
  })
  queuedSeconds?: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Seconds run (t_cleanup − t_run, or now − t_run while running); 0 if it never ran.',
  })
  runtimeSeconds?: number;

  @Field(() => Float, {
    description:
      "Seconds left before the allocation expires while RUN (never below 0); 0 otherwise (flux-core's t_remaining).",
  })
  remainingSeconds!: number;

  @Field(() => Float, { nullable: true, description: 'Time limit in seconds; null when unlimited.' })
  timeLimitSeconds?: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the allocation expires (set once running; null when none).',
  })
  expiresAt?: Date;

  @Field(() => Int, { nullable: true }) ntasks?: number;
  @Field(() => Int, { nullable: true }) ncores?: number;
  @Field(() => Int, { nullable: true }) nnodes?: number;
  @Field(() => String, { nullable: true, description: 'Broker ranks (RFC 22 idset), once running.' }) ranks?: string;
  @Field(() => String, { nullable: true, description: 'Hosts (RFC 29 hostlist), once running.' }) nodelist?: string;

  @Field(() => Boolean, { nullable: true, description: 'Set once INACTIVE: true iff result is COMPLETED.' })
  success?: boolean;

  @Field(() => JobException, { nullable: true })
  exception?: JobException;

  @Field(() => Int, { nullable: true, description: 'wait(2) status, after the finish event.' })
  waitStatus?: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Like flux jobs: exit code, −signal when killed, −128 canceled, 1 failed without status.',
  })
  exitCode?: number;

  @Field(() => JSONScalar, { nullable: true, description: 'Scheduler and user annotations.' })
  annotations?: Record<string, unknown>;

  @Field(() => [String], { nullable: true, description: 'Outstanding dependencies, e.g. "after-success=ƒEC6YN4P".' })
  dependencies?: string[];

  @Field(() => [JobEvent], {
    nullable: true,
    description: 'The main eventlog (job-info.lookup, batched with jobspec).',
  })
  eventlog?: JobEvent[];

  @Field(() => Jobspec, { nullable: true, description: 'The stored jobspec (same lookup RPC as eventlog).' })
  jobspec?: Jobspec;
}
