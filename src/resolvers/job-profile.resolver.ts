import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import { Job } from '../schema/job.type';
import { ProfileReport } from '../schema/profile-report.type';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';

/** The Job → Sciagraph report join (batched: one index lookup per request). */
@Resolver(() => Job)
export class JobProfileResolver {
  @FieldResolver(() => ProfileReport, {
    nullable: true,
    description:
      "The newest Sciagraph profiling report whose job id is this job's (in any RFC 19 form); null when none. Fails UPSTREAM_UNAVAILABLE when Sciagraph reports are not configured, like every field of an unconfigured backend.",
  })
  async profile(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Promise<ProfileReportRecord | null> {
    configuredDatasource(ctx, 'sciagraph');
    return ctx.loaders.sciagraph.profileOfJob.load({ jobKey: job.id.toString(), uid: job.userId });
  }
}
