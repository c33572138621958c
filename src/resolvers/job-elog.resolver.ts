import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { elogLinkOfJob } from '../datasources/elog/elog-job-link';
import type { ElogRunInfo } from '../datasources/elog/elog-types';
import type { FluxJob } from '../datasources/flux/flux-job';
import { ElogRun } from '../schema/elog-run.type';
import { Job } from '../schema/job.type';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';

/** `Job.elogRun`: the job's experiment and run, joined to the eLog. */
@Resolver(() => Job)
export class JobElogResolver {
  @FieldResolver(() => ElogRun, {
    nullable: true,
    description:
      'The eLog run this job processed: experiment and run from the jobspec user attributes (`experiment`, `run`; names configurable), else EXPERIMENT / RUN_NUM in the submitted environment. Null when the job names none or the eLog has no such run.',
  })
  async elogRun(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): Promise<ElogRunInfo | null> {
    const keys = configuredDatasource(ctx, 'elog').jobLinkKeys;
    // Both keys in the same tick: the Flux loader merges them into one job-info.lookup.
    const [spec, signed] = await Promise.all([
      ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'jobspec' }),
      ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'J' }),
    ]);
    const link = elogLinkOfJob(
      { ...(spec?.jobspec ? { jobspec: spec.jobspec } : {}), ...(signed?.J ? { J: signed.J } : {}) },
      keys,
    );
    return link ? ctx.loaders.elog.run.load(link) : null;
  }
}
