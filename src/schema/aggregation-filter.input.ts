import { Field, InputType } from 'type-graphql';
import { DateTimeScalar } from './scalars/date-time.scalar';
import type { JobResultName, JobStateName } from '../datasources/flux/job-state';
import { JobResult, JobState } from './job-state.enum';

/** What every aggregation of one `jobAggregations` field counts over. Lists are OR within, AND across. */
@InputType({
  description:
    'What every aggregation of one jobAggregations field counts over. Lists are OR within a field, AND across fields.',
})
export class AggregationFilter {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Submit-time window start (inclusive). JOBS_API default: 90 days before `to`.',
  })
  from?: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Submit-time window end (exclusive; JOBS_API: inclusive, default now).',
  })
  to?: Date;

  @Field(() => [JobState], { nullable: true, description: 'ELASTICSEARCH and FLUX.' })
  states?: JobStateName[];

  @Field(() => [JobResult], { nullable: true, description: 'ELASTICSEARCH and FLUX.' })
  results?: JobResultName[];

  @Field(() => [String], { nullable: true, description: 'User names. ELASTICSEARCH and FLUX.' })
  users?: string[];

  @Field(() => [String], { nullable: true, description: 'ELASTICSEARCH and FLUX.' })
  queues?: string[];

  @Field(() => [String], { nullable: true, description: 'ELASTICSEARCH and FLUX.' })
  banks?: string[];

  @Field(() => [String], { nullable: true, description: 'ELASTICSEARCH only.' })
  experiments?: string[];

  @Field(() => String, {
    nullable: true,
    description: 'JOBS_API: atr, klewer, eventops or quasar; default JOBGRAPH_JOBS_API_APPLICATION (atr).',
  })
  application?: string;

  @Field(() => [String], { nullable: true, description: 'JOBS_API only, e.g. ec2, kubernetes.' })
  appTypes?: string[];

  @Field(() => [String], { nullable: true, description: 'JOBS_API only.' })
  domains?: string[];

  @Field(() => Boolean, { nullable: true, description: 'JOBS_API only: admit EU-region data. Default false.' })
  includesEu?: boolean;
}
