import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { DEFAULT_FORWARDER_SETTINGS } from '../forwarder/forwarder-settings';
import { runForwarder } from '../forwarder/run-forwarder';
import { ForwardReport } from '../schema/forward-report.type';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar';
import { assertOperator } from '../auth/job-visibility';
import type { GraphQLContext } from './graphql-context';
import { configuredDatasource } from './configured-datasource';

const toDate = (epochSeconds: number): Date | undefined =>
  epochSeconds > 0 ? new Date(Math.round(epochSeconds * 1000)) : undefined;

/** `forwardJobs`: one Flux → Elasticsearch pass of every cluster on demand, as `jobgraph forward` runs it. */
@Resolver()
export class ForwardResolver {
  @Mutation(() => ForwardReport, {
    description:
      'Operators only. Forwards inactive Flux jobs of every cluster to job history: those inactive after the stored watermark of each cluster, or after `since` when given ' +
      '(re-sending jobs is harmless: documents are replaced by id). Fails with UPSTREAM_ERROR when another forwarder moved the watermark meanwhile.',
  })
  async forwardJobs(
    @Ctx() ctx: GraphQLContext,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since?: Date | null,
  ): Promise<ForwardReport> {
    assertOperator(ctx.caller, 'forwardJobs');
    const elastic = configuredDatasource(ctx, 'elastic');
    const { config, linkKeys } = ctx.forwarder ?? DEFAULT_FORWARDER_SETTINGS;
    const clusters = ctx.datasources.fluxClusters;
    const report = await runForwarder({
      // The default cluster through the request's counting view, like every other Flux call.
      clusters: (await clusters.list()).map((cluster) =>
        cluster.flux === clusters.primary ? { ...cluster, flux: ctx.datasources.flux } : cluster,
      ),
      elastic,
      config,
      linkKeys,
      resolveUserNames: (uids) => ctx.datasources.users.namesByUid(uids),
      ...(since ? { since: since.getTime() / 1000 } : {}),
    });
    const previousSince = toDate(report.previousSince);
    const newSince = toDate(report.since);
    return {
      forwarded: report.forwarded,
      elapsedMs: report.elapsedMs,
      jobsPerSecond: report.jobsPerSecond,
      ...(newSince ? { since: newSince } : {}),
      ...(previousSince ? { previousSince } : {}),
    };
  }
}
