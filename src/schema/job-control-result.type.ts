import { Field, Int, ObjectType } from 'type-graphql';
import { JobControlError } from './job-control-error.type';
import { Job } from './job.type';
import { JobIdScalar } from './scalars/job-id.scalar';

/** The outcome for one id of cancelJobs, holdJobs, releaseJobs or setJobUrgency. */
@ObjectType({ description: 'The outcome of a job control mutation for one id: the job after the change, or why not.' })
export class JobControlResult {
  @Field(() => JobIdScalar, { description: 'The id as asked.' })
  id!: bigint;

  @Field(() => Boolean, { description: 'True when Flux made the change.' })
  ok!: boolean;

  @Field(() => Job, {
    nullable: true,
    description:
      "The job after the change (job-list's view: a cancel may still show the job's last active state for a moment); null when unknown.",
  })
  job?: Job;

  @Field(() => Int, { nullable: true, description: 'The urgency before the change (urgency changes only).' })
  previousUrgency?: number;

  @Field(() => JobControlError, { nullable: true, description: 'Why this job was not changed; null when ok.' })
  error?: JobControlError;
}
