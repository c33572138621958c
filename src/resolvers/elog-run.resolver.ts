import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { ElogRunInfo, ElogWorkflowJob } from '../datasources/elog/elog-types';
import { WorkflowJob } from '../schema/workflow-job.type';
import { ElogRun } from '../schema/elog-run.type';
import { JobConnection } from '../schema/job-connection.type';
import { ElogMessageConnection } from '../schema/elog-message-connection.type';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar';
import { passesEntryFilter } from '../datasources/elog/elog-entry-filter';
import { checkEntriesFirst, pageEntries } from './elog-entry-pager';
import { JSONScalar } from '../schema/scalars/json.scalar';
import type { GraphQLContext } from './graphql-context';
import { configuredDatasource } from './configured-datasource';
import { historyCounter, toJobConnection } from './job-history.resolver';

/** `elogRun` and the run fields that need batched eLog calls. */
@Resolver(() => ElogRun)
export class ElogRunResolver {
  @Query(() => ElogRun, {
    nullable: true,
    description: 'One run of an experiment; null when the experiment or run does not exist.',
  })
  elogRun(
    @Arg('experiment', () => String) experiment: string,
    @Arg('run', () => Int) run: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogRunInfo | null> {
    return ctx.loaders.elog.run.load({ experiment, run });
  }

  @FieldResolver(() => [WorkflowJob], {
    nullable: true,
    description:
      'Workflow jobs started for this run (eLog workflow_jobs): all runs of an experiment asked in one request share one eLog request.',
  })
  async workflowJobs(@Root() run: ElogRunInfo, @Ctx() ctx: GraphQLContext): Promise<ElogWorkflowJob[]> {
    return (await ctx.loaders.elog.workflowJobs.load(run.experiment)).filter((j) => j.run === run.number);
  }

  @FieldResolver(() => [String], {
    description: 'Tags of the eLog entries linked to this run (one eLog request per experiment).',
  })
  async tags(@Root() run: ElogRunInfo, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    return (await ctx.loaders.elog.runTags.load(run.experiment)).get(run.number) ?? [];
  }

  @FieldResolver(() => JSONScalar, {
    description:
      'Run parameters (DAQ, EPICS PVs, run-table values) by name, only those asked for when `names` is set. All runs of an experiment in one request share one eLog call for the union of their names.',
  })
  params(
    @Root() run: ElogRunInfo,
    @Ctx() ctx: GraphQLContext,
    @Arg('names', () => [String], { nullable: true }) names?: string[] | null,
  ): Promise<Record<string, unknown>> {
    return ctx.loaders.elog.runParams.load({
      experiment: run.experiment,
      run: run.number,
      ...(names ? { names } : {}),
    });
  }

  @FieldResolver(() => ElogMessageConnection, {
    nullable: true,
    description:
      'eLog entries linked to this run, newest first (deleted entries and old versions left out); `tag`, `author`, `since` as on Experiment.entries (for text search use Experiment.entries(run:, text:)). All runs of an experiment asked in one request share one eLog request (a run-range search).',
  })
  async entries(
    @Root() run: ElogRunInfo,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of a previous page.' }) after?: string | null,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
    @Arg('author', () => String, { nullable: true }) author?: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since?: Date | null,
  ): Promise<ElogMessageConnection> {
    checkEntriesFirst(first);
    const entries = await ctx.loaders.elog.runEntries.load({ experiment: run.experiment, run: run.number });
    const filter = {
      ...(tag != null ? { tag } : {}),
      ...(author != null ? { author } : {}),
      ...(since != null ? { since } : {}),
    };
    return pageEntries(
      entries.filter((e) => passesEntryFilter(e, filter)),
      first,
      after,
    );
  }

  @FieldResolver(() => JobConnection, {
    nullable: true,
    description:
      'Jobs that processed this run (experiment and run from the job), oldest first, from the Elasticsearch job history; null with UPSTREAM_UNAVAILABLE without it.',
  })
  async jobs(
    @Root() run: ElogRunInfo,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
  ): Promise<JobConnection> {
    // Flux's job-list cannot filter by experiment/run; only the history index can.
    const elastic = configuredDatasource(ctx, 'elastic');
    const filter = { experiments: [run.experiment], runs: [run.number] };
    const page = await elastic.searchHistory({ filter, sort: [{ field: 'submittedAt', order: 'asc' }], first });
    return toJobConnection(page, historyCounter(elastic, filter));
  }
}
