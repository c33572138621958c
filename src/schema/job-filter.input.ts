import { Field, InputType } from 'type-graphql';
import type { JobResultName, JobStateName } from '../datasources/flux/job-state';
import { JobResult, JobState } from './job-state.enum';
import { TimeWindowInput } from './time-window.input';

/** Filters of `jobs`. Lists match any of their values; different fields must all match. */
@InputType({ description: 'Filters of jobs: a job matches when it matches every given field (any value of a list).' })
export class JobFilter {
  @Field(() => [JobState], { nullable: true })
  states?: JobStateName[];

  @Field(() => [JobResult], { nullable: true, description: 'Only inactive jobs have a result.' })
  results?: JobResultName[];

  @Field(() => [String], { nullable: true, description: 'Submitting users, by name or numeric uid.' })
  users?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Job names, exact: Flux's job-list has no pattern matching, so a wildcard (* or ?) is BAD_USER_INPUT (jobHistory's nameText searches words).",
  })
  names?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Queues; each must be one of the instance's named queues (job-list.job-stats), else BAD_USER_INPUT listing them.",
  })
  queues?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "Nodes the job ran on (any of them), as RFC 29 hostlists: ['sdfmilan017'], ['sdfmilan[001-004]']. Matched by Flux's own hostlist constraint, " +
      'so only jobs that started (have a nodelist) match. Whole host names only: a wildcard is BAD_USER_INPUT. At most 1,000 entries, 10,000 hosts.',
  })
  nodes?: string[];

  @Field(() => [String], { nullable: true })
  banks?: string[];

  @Field(() => [String], { nullable: true })
  projects?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      'Flux clusters to list (names as in Job.cluster); default all. Several clusters are merged by submit time under one cursor.',
  })
  clusters?: string[];

  @Field(() => TimeWindowInput, { nullable: true, description: 'Submit time window.' })
  submitted?: TimeWindowInput;

  @Field(() => TimeWindowInput, { nullable: true, description: 'Inactive time window (only inactive jobs match).' })
  inactive?: TimeWindowInput;
}
