import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import { RunCounter } from './run-counter.type';
import { Workflow } from './workflow.type';

/** A workflow run for a run (explgbk `workflow_jobs`). */
@ObjectType({ description: 'A workflow started for a run (eLog `workflow_jobs`): by its trigger or by hand.' })
export class WorkflowJob {
  @Field(() => ID, { description: 'The eLog id of the job (the JOB_ID of its ARP job page).' })
  id!: string;

  @Field(() => String)
  experiment!: string;

  @Field(() => Int)
  run!: number;

  @Field(() => Workflow, { nullable: true, description: 'The definition it runs, as it is now.' })
  definition!: Workflow | null;

  @Field(() => String, { nullable: true, description: 'Who started it (the eLog user).' })
  user?: string;

  @Field(() => String, {
    nullable: true,
    description: 'ARP status: `START` when created, then the ARP’s (`SUBMITTED`, `RUNNING`, `DONE`, …).',
  })
  status?: string;

  @Field(() => DateTimeScalar, { nullable: true })
  submittedAt?: Date;

  @Field(() => String, { nullable: true, description: 'The batch system’s job id, once submitted.' })
  toolId?: string;

  @Field(() => String, { nullable: true })
  logFilePath?: string;

  @Field(() => [RunCounter], { description: 'The job page counters, as the eLog holds them.' })
  counters!: RunCounter[];
}
