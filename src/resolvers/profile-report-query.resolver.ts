import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import { canonicalJobId } from '../datasources/sciagraph/report-job-id';
import type { SciagraphDatasource } from '../datasources/sciagraph/sciagraph-datasource';
import { ProfileReportConnection } from '../schema/profile-report-connection.type';
import { ProfileReportFilter } from '../schema/profile-report-filter.input';
import { ProfileReport } from '../schema/profile-report.type';
import { ProfileResultInput, ProfileResultReceipt } from '../schema/profile-result.input';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';
import { checkPageSize, toTimeWindow } from './job-filter-query';
import { profileReportMatcher } from './profile-report-match';
import { collectProfilePage } from './profile-report-pager';

function sciagraphOf(ctx: GraphQLContext): SciagraphDatasource {
  return configuredDatasource(ctx, 'sciagraph');
}

/** Sciagraph profiling reports: one by job id, a filtered page, and recording download instructions. */
@Resolver()
export class ProfileReportQueryResolver {
  @Query(() => ProfileReport, {
    nullable: true,
    description: 'The newest profiling report of a job id (any RFC 19 form, or a text id); null when none.',
  })
  profileReport(@Arg('jobId', () => String) jobId: string, @Ctx() ctx: GraphQLContext): ProfileReportRecord | null {
    return sciagraphOf(ctx).findByJobId(jobId) ?? null;
  }

  @Query(() => ProfileReportConnection, {
    description: 'Profiling reports, newest start first; first: 0–500. Cursors stay valid while reports arrive.',
  })
  async profileReports(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ProfileReportFilter, { nullable: true }) filter?: ProfileReportFilter | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ProfileReportConnection> {
    checkPageSize(first, 'profileReports');
    const window = toTimeWindow(filter?.started, 'started');
    const reports = sciagraphOf(ctx).iterateReports(
      {
        startedFromMs: window?.from !== undefined ? window.from * 1000 : undefined,
        startedToMs: window?.to !== undefined ? window.to * 1000 : undefined,
        minPeakMemoryKiB: filter?.minPeakMemoryKiB ?? undefined,
      },
      after,
    );
    return collectProfilePage(reports, first, await profileReportMatcher(filter, ctx));
  }

  @Mutation(() => ProfileResultReceipt, {
    description:
      "Records Sciagraph's download instructions for a run (what examples/python/sciagraph_handler.py posts); attached to the report of that job starting within ±2 s. " +
      'For a job Flux knows, only its owner and operators may record them (FORBIDDEN otherwise).',
  })
  async recordProfileResult(
    @Arg('input', () => ProfileResultInput) input: ProfileResultInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ProfileResultReceipt> {
    const { fluxId } = canonicalJobId(input.jobId);
    // Keys recorded for someone else's job would be shown to its owner as theirs. Text ids and
    // jobs Flux no longer knows have no owner to protect: their keys are shown to operators only.
    if (fluxId !== undefined && !ctx.caller.isOperator) {
      const job = await ctx.loaders.flux.job.load(fluxId);
      if (job) await ctx.guard.assertDetails(job.userId, 'recordProfileResult');
    }
    return sciagraphOf(ctx).recordResult({ ...input });
  }
}
