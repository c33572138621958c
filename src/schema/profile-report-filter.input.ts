import { Field, InputType, Int } from 'type-graphql';
import { TimeWindowInput } from './time-window.input';

/** Filters of `profileReports`; all given ones must hold. */
@InputType({ description: 'Filters of profileReports; every given one must hold.' })
export class ProfileReportFilter {
  @Field(() => TimeWindowInput, { nullable: true, description: 'Window on the report start (startedAt).' })
  started?: TimeWindowInput;

  @Field(() => Int, { nullable: true, description: 'Minimum peak memory, KiB.' })
  minPeakMemoryKiB?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Exact Flux job name; reports whose job is unknown to Flux never match.',
  })
  jobName?: string;

  @Field(() => [String], {
    nullable: true,
    description:
      "Owners of the reports' jobs (user names or uids), as Flux knows the job; reports whose job Flux does not know never match.",
  })
  users?: string[];

  @Field(() => [String], {
    nullable: true,
    description:
      "eLog experiments of the reports' jobs, by the rule of Job.elogRun (jobspec user attribute, else EXPERIMENT in the submitted environment); reports whose job Flux does not know never match.",
  })
  experiments?: string[];

  @Field(() => [Int], {
    nullable: true,
    description:
      "eLog run numbers of the reports' jobs, by the same rule (with experiments: those experiments' runs); reports whose job names no run never match.",
  })
  runs?: number[];
}
