import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import { Job } from '../schema/job.type';
import type { GraphQLContext } from './graphql-context';

/** `Job.cluster`: the Flux cluster a job belongs to (docs/clusters.md). */
@Resolver(() => Job)
export class JobClusterResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The Flux cluster of the job (a name of JOBGRAPH_FLUX_CLUSTERS, or the name the one broker gives itself); null only when that name cannot be learnt from an unreachable broker.',
  })
  cluster(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): string | Promise<string> {
    return job.cluster ?? ctx.datasources.fluxClusters.primaryName();
  }
}
