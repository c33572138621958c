import type { FastifyRequest } from 'fastify';
import type { Datasources } from '../../datasources/create-datasources';
import type { Caller } from '../../auth/caller';
import { createDetailsGuard } from '../../auth/details-guard';
import { reportOwnerOf } from '../../auth/report-owner';
import { createFluxLoaders } from '../../loaders/flux.loaders';

/** Decides whether a `/reports/<reportKey>/…` request may be served. */
export type ReportAccess = (request: FastifyRequest, reportKey: string) => Promise<boolean>;

/**
 * A report holds its job's source-code snippets and flamegraphs, so it follows the job-detail
 * rule (contract sciagraph.md §9): served to the job's owner and to operators; a report whose
 * job Flux does not know (a text id, a purged job) to operators only. With several clusters the
 * job is looked for on every cluster (docs/clusters.md). Every refusal, an
 * unauthenticated request included, is the route's bare 404, as for a report that does not exist.
 */
export function reportAccess(
  authenticate: (request: FastifyRequest) => Promise<Caller>,
  datasources: Pick<Datasources, 'flux' | 'fluxClusters' | 'users' | 'sciagraph'>,
): ReportAccess {
  return async (request, reportKey) => {
    try {
      const guard = createDetailsGuard(await authenticate(request), datasources.users);
      const report = datasources.sciagraph?.getReport(reportKey);
      const fluxId = report?.fluxId;
      // A report whose files the job's user does not own (planted) is served to operators only.
      await guard.assertDetailsOf(async () => {
        if (fluxId === undefined || !report) return undefined;
        const jobs = await createFluxLoaders(datasources.flux, datasources.fluxClusters).jobsWithId.load(fluxId);
        return reportOwnerOf(report, jobs, datasources.sciagraph);
      }, 'report');
      return true;
    } catch {
      return false;
    }
  };
}
