import { Field, ObjectType } from 'type-graphql';
import type { FluxJob } from '../datasources/flux/flux-job';
import { Job } from './job.type';
import { PageInfo } from './page-info.type';

/** One job of a page and the cursor to resume after it. */
@ObjectType({ description: 'A job and its cursor.', simpleResolvers: true })
export class JobEdge {
  @Field(() => String) cursor!: string;
  @Field(() => Job) node!: FluxJob;
}

/** The answer of `JobConnection.totalCount`: the count, or null and why. */
export interface JobTotalCount {
  value: number | null;
  /** Why `value` is null (above the cap, not counted by this source). */
  note?: string;
}

/** A Relay connection of jobs (`jobs`, and job history). Roots: FluxJob. */
@ObjectType({ description: 'A page of jobs (Relay connection).' })
export class JobConnection {
  @Field(() => [JobEdge]) edges!: JobEdge[];
  @Field(() => [Job], { description: 'The jobs of edges, without cursors.' }) nodes!: FluxJob[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  /** Counts every match across pages; called once, only when totalCount or totalCountNote is asked (see job-connection.resolver.ts). */
  countTotal?: () => Promise<JobTotalCount>;
}
