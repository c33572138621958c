import type { FluxJob } from '../datasources/flux/flux-job';
import type { ElogExperiment, ElogRunInfo } from '../datasources/elog/elog-types';
import type { ProfileReportRecord } from '../datasources/sciagraph/report-entry';
import { BadUserInputError } from '../errors';
import type { EntityReferenceResolvers } from '../schema/build-subgraph-schema';
import { parseJobIdInput } from '../schema/scalars/job-id.scalar';
import type { GraphQLContext } from './graphql-context';

function keyField<T>(
  reference: Record<string, unknown>,
  typeName: string,
  field: string,
  accept: (value: unknown) => value is T,
): T {
  const value = reference[field];
  if (!accept(value))
    throw new BadUserInputError(`a ${typeName} reference needs its key field ${field}, got ${JSON.stringify(value)}`, {
      field,
    });
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isRunNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value);

/**
 * A Job by either key: `{id}` as `job(id:)` (every cluster asked; an id two clusters know is
 * BAD_USER_INPUT naming them), `{id, cluster}` the job of that cluster (a cluster this gateway
 * does not serve knows no job: null; a null cluster, as Job.cluster is when the broker's name is
 * unknown, is the bare id).
 */
async function jobReference(reference: Record<string, unknown>, ctx: GraphQLContext): Promise<FluxJob | null> {
  const id = parseJobIdInput(keyField(reference, 'Job', 'id', isString));
  if (reference.cluster === undefined || reference.cluster === null) return ctx.loaders.flux.job.load(id);
  const clusters = ctx.datasources.fluxClusters;
  const found = await clusters.find(keyField(reference, 'Job', 'cluster', isString));
  if (!found) return null;
  return ctx.loaders.flux.clusterJob.load({ id, cluster: clusters.several ? found.name : undefined });
}

/**
 * How `_entities` turns a router's representation into the root value the type's field resolvers
 * expect. Every one goes through this request's loaders, so N references of one `_entities` call
 * are batched exactly like N fields of one query, and the field resolvers apply the same
 * visibility rules (a reference to another user's job gets FORBIDDEN on its detail fields).
 * An entity the backend does not know resolves to null.
 */
export const entityReferences: EntityReferenceResolvers<GraphQLContext> = {
  Job: (reference, ctx): Promise<FluxJob | null> => jobReference(reference, ctx),
  Experiment: (reference, ctx): Promise<ElogExperiment | null> =>
    ctx.loaders.elog.experiment.load(keyField(reference, 'Experiment', 'name', isString)),
  ElogRun: (reference, ctx): Promise<ElogRunInfo | null> =>
    ctx.loaders.elog.run.load({
      experiment: keyField(reference, 'ElogRun', 'experiment', isString),
      run: keyField(reference, 'ElogRun', 'number', isRunNumber),
    }),
  ProfileReport: (reference, ctx): Promise<ProfileReportRecord | null> =>
    ctx.loaders.sciagraph.reportById.load(keyField(reference, 'ProfileReport', 'id', isString)),
};
