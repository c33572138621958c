import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';

/**
 * A Sciagraph profiling report. Root value: `ProfileReportRecord`
 * (src/datasources/sciagraph/report-entry.ts); `id`, `job`, `startedAt`, `peakMemoryKiB`, the URLs
 * and `downloadInstructions` are field resolvers (`profile-report.resolver.ts`).
 */
@ObjectType({ description: 'A Sciagraph profiling report of one run (report.json, index.html, peak-memory.svg).' })
@Directive('@key(fields: "id")')
export class ProfileReport {
  @Field(() => ID, {
    description:
      'The report id: stable across restarts, the <key> of its /reports/<key>/ URLs (and the federation entity key).',
  })
  id!: string;

  @Field(() => String, {
    description:
      'The job id the report names: canonical f58 (like Job.id) when it is a Flux id in any RFC 19 form, else the text as written.',
  })
  jobId!: string;

  @Field(() => Float, { description: 'Duration of the profiled run, milliseconds.' })
  durationMs!: number;
}
