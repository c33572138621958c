import { Field, InputType, Int, ObjectType } from 'type-graphql';

/**
 * Sciagraph's ReportResult as the logging handler (examples/python/sciagraph_handler.py) posts
 * it. Validated by the datasource (BAD_USER_INPUT): jobTime ISO 8601 with an offset, both keys
 * or neither, each `[A-Za-z0-9+/=_.:-]{1,256}`.
 */
@InputType({ description: "Sciagraph's ReportResult fields, as the jobgraph logging handler posts them." })
export class ProfileResultInput {
  @Field(() => String, { description: 'The job id (any RFC 19 form, or text), 1–256 characters.' }) jobId!: string;
  @Field(() => String, { description: 'Job start, ISO 8601 with an offset (ReportResult.job_time).' }) jobTime!: string;
  @Field(() => String, { nullable: true }) downloadKey?: string | null;
  @Field(() => String, { nullable: true }) decryptionKey?: string | null;
  @Field(() => Int, { nullable: true, description: 'Peak memory, KiB.' }) peakMemoryKiB?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Report directory on the profiled host; diagnostics only, never read.',
  })
  reportPath?: string | null;
  @Field(() => String, { nullable: true }) hostname?: string | null;
  @Field(() => String, { nullable: true, description: '"env" when the id came from SCIAGRAPH_JOB_ID/FLUX_JOB_ID.' })
  jobIdSource?: string | null;
}

/** What `recordProfileResult` answers. */
@ObjectType({ description: 'Receipt of recordProfileResult.' })
export class ProfileResultReceipt {
  @Field(() => String, { description: 'The canonical job id (f58 for Flux ids).' }) jobId!: string;
  @Field(() => Boolean, { description: 'Whether an indexed report of that job started within ±2 s of jobTime.' })
  matchedReport!: boolean;
}
