import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import { jobIdForms } from '../datasources/flux/job-id';
import type { JobIdForms } from '../schema/job-id-forms.type';
import { Job } from '../schema/job.type';
import type { GraphQLContext } from './graphql-context';
import {
  jobQueuedSeconds,
  jobReturnCode,
  jobRuntime,
  jobStatus,
  jobStatusAbbrev,
  jobTimeRemaining,
} from '../datasources/flux/job-derived';

const toDate = (epochSeconds: number | undefined): Date | undefined =>
  epochSeconds === undefined ? undefined : new Date(Math.round(epochSeconds * 1000));

/** Job fields derived from the job-list entry alone (no backend call), like flux-core's JobInfo. */
@Resolver(() => Job)
export class JobFieldsResolver {
  @FieldResolver()
  ids(@Root() job: FluxJob): JobIdForms {
    return jobIdForms(job.id);
  }

  @FieldResolver()
  status(@Root() job: FluxJob): string {
    return jobStatus(job);
  }

  @FieldResolver()
  statusAbbrev(@Root() job: FluxJob): string {
    return jobStatusAbbrev(job);
  }

  @FieldResolver()
  remainingSeconds(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): number {
    return jobTimeRemaining(job, ctx.now / 1000);
  }

  @FieldResolver()
  submittedAt(@Root() job: FluxJob): Date | undefined {
    return toDate(job.tSubmit);
  }

  @FieldResolver()
  startedAt(@Root() job: FluxJob): Date | undefined {
    return toDate(job.tRun);
  }

  @FieldResolver()
  cleanupAt(@Root() job: FluxJob): Date | undefined {
    return toDate(job.tCleanup);
  }

  @FieldResolver()
  inactiveAt(@Root() job: FluxJob): Date | undefined {
    return toDate(job.tInactive);
  }

  @FieldResolver()
  expiresAt(@Root() job: FluxJob): Date | undefined {
    return job.expiration ? toDate(job.expiration) : undefined;
  }

  @FieldResolver()
  timeLimitSeconds(@Root() job: FluxJob): number | undefined {
    return job.duration ? job.duration : undefined;
  }

  @FieldResolver()
  queuedSeconds(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): number | undefined {
    return jobQueuedSeconds(job, ctx.now / 1000);
  }

  @FieldResolver()
  runtimeSeconds(@Root() job: FluxJob, @Ctx() ctx: GraphQLContext): number {
    return jobRuntime(job, ctx.now / 1000);
  }

  @FieldResolver()
  exitCode(@Root() job: FluxJob): number | undefined {
    return jobReturnCode(job);
  }
}
