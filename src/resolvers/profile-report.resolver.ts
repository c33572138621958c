import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import { reportOwnerOf } from '../auth/report-owner';
import { JobgraphError } from '../errors';
import { DownloadInstructions } from '../schema/download-instructions.type';
import { Job } from '../schema/job.type';
import { ProfileReport } from '../schema/profile-report.type';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar';
import type { GraphQLContext } from './graphql-context';

const INT_MAX = 2 ** 31 - 1;
const fileUrl = (record: ProfileReportRecord, name: string): string | null =>
  record.files.includes(name) ? `/reports/${record.reportKey}/${name}` : null;

/** ProfileReport fields computed from the index entry, and the join to its Flux job. */
@Resolver(() => ProfileReport)
export class ProfileReportResolver {
  @FieldResolver()
  id(@Root() record: ProfileReportRecord): string {
    return record.reportKey;
  }

  @FieldResolver(() => Job, {
    nullable: true,
    description:
      "The Flux job of jobId; null for text ids, ids Flux does not know, and reports not credited to that job (files owned by another user than the job's: a planted report; see JOBGRAPH_SCIAGRAPH_TRUSTED_UIDS).",
  })
  async job(@Root() record: ProfileReportRecord, @Ctx() ctx: GraphQLContext): Promise<FluxJob | null> {
    if (record.fluxId === undefined) return null;
    // An unverified report names a job it may not belong to: it is not joined to it (issue 15 part 2).
    // With several clusters the id may be two users' jobs: the one whose owner the report credits.
    const jobs = await ctx.loaders.flux.jobsWithId.load(record.fluxId);
    const owner = reportOwnerOf(record, jobs, ctx.datasources.sciagraph);
    const credited = jobs.filter((job) => job.userId === owner);
    // The same user's jobs on two clusters: ambiguous, as job(id:) answers.
    if (credited.length > 1) return ctx.loaders.flux.job.load(record.fluxId);
    return credited[0] ?? null;
  }

  @FieldResolver(() => DateTimeScalar, {
    description: 'Start of the profiled run (report.json start_time_secs_since_epoch).',
  })
  startedAt(@Root() record: ProfileReportRecord): Date {
    return new Date(record.startedAtMs);
  }

  @FieldResolver(() => Int, {
    description: 'Peak allocated memory, KiB (1024 bytes). A field error above 2^31-1 (2 TiB).',
  })
  peakMemoryKiB(@Root() record: ProfileReportRecord): number {
    if (record.peakMemoryKiB > INT_MAX) {
      const message = `peak memory ${record.peakMemoryKiB} KiB does not fit Int`;
      throw new JobgraphError('UPSTREAM_ERROR', message, {
        backend: 'sciagraph',
        details: { reportKey: record.reportKey },
        publicMessage: message,
      });
    }
    return record.peakMemoryKiB;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Path of the report page (/reports/<key>/index.html); null when the report has none.',
  })
  reportUrl(@Root() record: ProfileReportRecord): string | null {
    return fileUrl(record, 'index.html');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Path of the peak-memory flamegraph SVG; null when the report has none.',
  })
  peakMemorySvgUrl(@Root() record: ProfileReportRecord): string | null {
    return fileUrl(record, 'peak-memory.svg');
  }

  @FieldResolver(() => DownloadInstructions, {
    nullable: true,
    description:
      "How to download the report's cloud copy; null when none was recorded. The keys grant access to the report: only the job's owner and operators see them " +
      '(FORBIDDEN otherwise; operators only when Flux does not know the job, e.g. a text job id).',
  })
  async downloadInstructions(
    @Root() record: ProfileReportRecord,
    @Ctx() ctx: GraphQLContext,
  ): Promise<DownloadInstructions | null> {
    const result = record.downloadInstructions;
    if (!result?.downloadKey || !result.decryptionKey) return null;
    const { fluxId } = record;
    // Keys of a report whose files the job's user does not own (a planted one) are for operators only.
    await ctx.guard.assertDetailsOf(
      async () =>
        fluxId === undefined
          ? undefined
          : reportOwnerOf(record, await ctx.loaders.flux.jobsWithId.load(fluxId), ctx.datasources.sciagraph),
      'downloadInstructions',
    );
    return {
      downloadKey: result.downloadKey,
      decryptionKey: result.decryptionKey,
      command: `python -m sciagraph_report download ${result.downloadKey} ${result.decryptionKey}`,
      recordedAt: new Date(result.recordedAtMs),
    };
  }
}
