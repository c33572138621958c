import { DEFAULT_ELOG_JOB_LINK_KEYS, elogRunFieldsOfJob } from '../datasources/elog/elog-job-link';
import type { FluxJob } from '../datasources/flux/flux-job';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import type { ProfileReportFilter } from '../schema/profile-report-filter.input';
import type { GraphQLContext } from './graphql-context';
import { userIdsOf } from './job-filter-query';

/** Decides, for a batch of reports, which are kept (one answer per report, in order). */
export type ProfileReportMatcher = (records: readonly ProfileReportRecord[]) => Promise<boolean[]>;

/**
 * The matcher of the filters that need each report's Flux job (`jobName`, `users`,
 * `experiments`, `runs`), or undefined when none is given. Jobs come through the Flux job loader (one
 * batch per call); experiments and runs from the job's eLog link (jobspec user attributes, else
 * EXPERIMENT in the submitted environment: the rule of Job.elogRun), both keys in one
 * job-info.lookup per job, asked only for jobs that passed the other filters. A report whose job
 * Flux does not know never matches. Unknown user names are BAD_USER_INPUT, as in `jobs`.
 */
export async function profileReportMatcher(
  filter: ProfileReportFilter | null | undefined,
  ctx: GraphQLContext,
): Promise<ProfileReportMatcher | undefined> {
  const jobName = filter?.jobName ?? undefined;
  const uids = filter?.users ? new Set(await userIdsOf(filter.users, ctx.datasources.users)) : undefined;
  const experiments = filter?.experiments ? new Set(filter.experiments) : undefined;
  const runs = filter?.runs ? new Set(filter.runs) : undefined;
  if (jobName === undefined && !uids && !experiments && !runs) return undefined;
  const keys = ctx.datasources.elog?.jobLinkKeys ?? DEFAULT_ELOG_JOB_LINK_KEYS;
  const linkOf = async (job: FluxJob): Promise<{ experiment?: string; run?: number }> => {
    const [spec, signed] = await Promise.all([
      ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'jobspec' }),
      ctx.loaders.flux.jobInfo.load({ id: job.id, cluster: job.cluster, key: 'J' }),
    ]);
    return elogRunFieldsOfJob(
      { ...(spec?.jobspec ? { jobspec: spec.jobspec } : {}), ...(signed?.J ? { J: signed.J } : {}) },
      keys,
    );
  };
  return async (records) => {
    const ids = records.flatMap((record) => (record.fluxId === undefined ? [] : [record.fluxId]));
    const loaded = await ctx.loaders.flux.job.loadMany(ids);
    const jobs = new Map(ids.map((id, i) => [id, loaded[i]]));
    return Promise.all(
      records.map(async (record) => {
        const job = record.fluxId === undefined ? undefined : jobs.get(record.fluxId);
        if (!job || job instanceof Error) return false;
        if (jobName !== undefined && job.name !== jobName) return false;
        if (uids && !uids.has(job.userId)) return false;
        if (!experiments && !runs) return true;
        const { experiment, run } = await linkOf(job).catch(() => ({}) as { experiment?: string; run?: number });
        if (experiments && (experiment === undefined || !experiments.has(experiment))) return false;
        return !runs || (run !== undefined && runs.has(run));
      }),
    );
  };
}
