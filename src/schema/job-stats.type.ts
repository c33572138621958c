import { Field, Int, ObjectType } from 'type-graphql';

/** Job counts by state (job-list.job-stats `job_states`; no NEW). */
@ObjectType({ description: 'Job counts by state.' })
export class JobStateCounts {
  @Field(() => Int) depend!: number;
  @Field(() => Int) priority!: number;
  @Field(() => Int) sched!: number;
  @Field(() => Int) run!: number;
  @Field(() => Int) cleanup!: number;
  @Field(() => Int) inactive!: number;
  @Field(() => Int) total!: number;
}

/** Counts shared by the instance and each queue. */
@ObjectType()
export abstract class JobCounts {
  @Field(() => JobStateCounts) jobStates!: JobStateCounts;
  @Field(() => Int) successful!: number;
  @Field(() => Int, { description: 'Failed, excluding canceled and timeout.' }) failed!: number;
  @Field(() => Int) canceled!: number;
  @Field(() => Int) timeout!: number;
  @Field(() => Int, { description: 'Inactive jobs purged from job-list.' }) inactivePurged!: number;
}

/** Counts for one queue. */
@ObjectType({ description: 'Job counts of one queue.' })
export class QueueJobStats extends JobCounts {
  @Field(() => String) name!: string;
}

/** job-list.job-stats: live counts of the whole instance. */
@ObjectType({ description: 'Live job counts of the Flux instance (job-list.job-stats).' })
export class JobStats extends JobCounts {
  @Field(() => [QueueJobStats], { description: 'Per named queue; empty without queues.' }) queues!: QueueJobStats[];
}
