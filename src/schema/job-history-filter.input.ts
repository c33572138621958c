import { Field, InputType, Int } from 'type-graphql';
import { JobFilter } from './job-filter.input';
import { TimeWindowInput } from './time-window.input';

/** Filters of `jobHistory`: those of `jobs` plus experiment, run, start time and full text on the name. */
@InputType({
  description: 'Filters of jobHistory: the jobs filters plus experiment, run, start window and full text on the name.',
})
export class JobHistoryFilter extends JobFilter {
  @Field(() => [String], { nullable: true, description: 'LCLS experiments (exact, e.g. "mfxp1002023").' })
  experiments?: string[];

  @Field(() => [Int], { nullable: true, description: 'Run numbers (with experiments: runs of those experiments).' })
  runs?: number[];

  @Field(() => String, {
    nullable: true,
    description: 'Words that must all occur in the job name (full text, case-insensitive).',
  })
  nameText?: string;

  @Field(() => TimeWindowInput, { nullable: true, description: 'Start (t_run) time window.' })
  started?: TimeWindowInput;
}
