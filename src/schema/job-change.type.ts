import { Field, ObjectType } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { JobStateName } from '../datasources/flux/job-state';
import { JobEvent } from './job-event.type';
import { JobState } from './job-state.enum';
import { Job } from './job.type';

/** One `jobChanges` message: a job's new event, the job after it, its new state. */
@ObjectType({ description: 'One event of a job as the Flux job manager posts it, with the job after the event.' })
export class JobChange {
  @Field(() => Job, {
    description:
      "The job after the event (job-list fields for every caller; details only for the job's owner and operators).",
  })
  job!: FluxJob;

  @Field(() => JobEvent, {
    description: 'The event; its context is null unless the caller owns the job or is an operator.',
  })
  event!: JobEvent;

  @Field(() => JobState, { description: 'The state the job is in after the event.' })
  state!: JobStateName;
}
