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
}
