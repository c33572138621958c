import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { BadUserInputError, JobgraphError } from '../errors';
import type {
  ElogEntryFilter,
  ElogExperiment,
  ElogRunInfo,
  ElogWorkflowDefinition,
  ElogWorkflowJob,
} from '../datasources/elog/elog-types';
import { ElogMessageConnection } from '../schema/elog-message-connection.type';
import { DateTimeScalar } from '../schema/scalars/date-time.scalar';
import { checkEntriesFirst, pageEntries } from './elog-entry-pager';
import { sameTag } from '../datasources/elog/elog-entry-filter';
import { ElogRun } from '../schema/elog-run.type';
import { Experiment } from '../schema/experiment.type';
import { Workflow } from '../schema/workflow.type';
import { WorkflowJob } from '../schema/workflow-job.type';
import { configuredDatasource } from './configured-datasource';
import { selectsWithoutArgument } from './selected-fields';
import type { GraphQLContext } from './graphql-context';

const MAX_RUNS_PAGE = 1000;

/**
 * Runs carrying `tag` in any case (issue 17: users type `dark` for DARK). explgbk matches tags
 * exactly (`{"tags": tag}` in get_runs_with_tag, search_elog), so the gateway compares the run →
 * tags map (get_runs_to_tags, shared with ElogRun.tags) itself; a caller who may not read it
 * (UNAUTHENTICATED, FORBIDDEN) gets the anonymous exact match.
 */
async function runsTagged(ctx: GraphQLContext, experiment: string, tag: string): Promise<Set<number>> {
  try {
    const tagsOf = await ctx.loaders.elog.runTags.load(experiment);
    return new Set([...tagsOf].filter(([, tags]) => tags.some((t) => sameTag(t, tag))).map(([run]) => run));
  } catch (error) {
    if (!(error instanceof JobgraphError) || (error.code !== 'UNAUTHENTICATED' && error.code !== 'FORBIDDEN'))
      throw error;
    return new Set(await configuredDatasource(ctx, 'elog').runsWithTag(experiment, tag));
  }
}

/** Queries of experiments and the fields that need more eLog calls (runs, activity, workflows). */
@Resolver(() => Experiment)
export class ExperimentResolver {
  @Query(() => Experiment, {
    nullable: true,
    description: 'An LCLS experiment by name (e.g. `mfxl1038923`); null when the eLog does not know it.',
  })
  experiment(@Arg('name', () => String) name: string, @Ctx() ctx: GraphQLContext): Promise<ElogExperiment | null> {
    return ctx.loaders.elog.experiment.load(name);
  }

  @Query(() => Experiment, {
    nullable: true,
    description: 'The experiment running at a hutch (`mfx`, any case) and station; null when none or on standby.',
  })
  activeExperiment(
    @Arg('hutch', () => String) hutch: string,
    @Arg('station', () => Int, { defaultValue: 0 }) station: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogExperiment | null> {
    return configuredDatasource(ctx, 'elog').activeExperiment(hutch, station, ctx.loaders.elog.call);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether this is the active experiment of its instrument at any of its stations (the instrument switched to it at ' +
      'station 0 or another). The same rule picks the credentials of JOBGRAPH_ELOG_AUTH=auto: the operator account for ' +
      'an experiment active at any station (explgbk gives it write access whichever station switched), Kerberos otherwise.',
  })
  isActive(@Root() exp: ElogExperiment, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.elog.isActive.load(exp.name);
  }

  @FieldResolver(() => [ElogRun], {
    description:
      'Runs, highest number first; with `tag`, only runs whose eLog entries carry that tag, in any case (`dark` finds DARK: ' +
      'from the run-to-tags map ElogRun.tags reads, one eLog request per experiment; explgbk itself matches tags exactly, and ' +
      'its anonymous get_runs_with_tag exact match is used when the caller may not read the map). `after` is a run number from a previous page.',
  })
  async runs(
    @Root() exp: ElogExperiment,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ElogRunInfo[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_RUNS_PAGE)
      throw new BadUserInputError(`first must be between 0 and ${MAX_RUNS_PAGE}, got ${first}`, { first });
    if (after != null && !/^\d+$/.test(after))
      throw new BadUserInputError(`after must be a run number, got ${JSON.stringify(after)}`, { after });
    // `runs { params }` (every parameter of a page of runs): the list and the parameters come in ONE
    // runs?includeParams=true, which ElogRun.params would send anyway; one run alone keeps runs/<n>.
    const withParams = first > 1 && selectsWithoutArgument(info, 'params', 'names');
    const [runs, wanted] = await Promise.all([
      withParams ? ctx.loaders.elog.runsWithParams.load(exp.name) : ctx.loaders.elog.runs.load(exp.name),
      tag != null ? runsTagged(ctx, exp.name, tag) : undefined,
    ]);
    return (runs ?? [])
      .filter((r) => (!wanted || wanted.has(r.number)) && (after == null || r.number < Number(after)))
      .slice(0, first);
  }

  @FieldResolver(() => ElogRun, { nullable: true, description: 'One run; null when the experiment has no such run.' })
  run(
    @Root() exp: ElogExperiment,
    @Arg('number', () => Int) number: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogRunInfo | null> {
    return ctx.loaders.elog.run.load({ experiment: exp.name, run: number });
  }

  @FieldResolver(() => ElogMessageConnection, {
    nullable: true,
    description:
      "eLog entries, newest first; deleted entries and old versions of edited ones left out. Filters combine (AND): `run` the linked run, `tag` a tag in any case (`dark` finds DARK, as Experiment.runs(tag:); explgbk itself matches tags exactly), `author` an exact author id, `text` the eLog's own search (an author, a tag, or any whole word of the text or title, any case, stemmed), `since` posted at or after. One eLog request whatever the filters: the eLog applies only one of its search selectors, so the gateway sends one and applies the rest itself.",
  })
  async entries(
    @Root() exp: ElogExperiment,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of a previous page.' }) after?: string | null,
    @Arg('run', () => Int, { nullable: true }) run?: number | null,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
    @Arg('author', () => String, { nullable: true }) author?: string | null,
    @Arg('text', () => String, { nullable: true }) text?: string | null,
    @Arg('since', () => DateTimeScalar, { nullable: true }) since?: Date | null,
  ): Promise<ElogMessageConnection> {
    const filter: ElogEntryFilter = {
      ...(run != null ? { run } : {}),
      ...(tag != null ? { tag } : {}),
      ...(author != null ? { author } : {}),
      ...(text != null ? { text } : {}),
      ...(since != null ? { since } : {}),
    };
    checkEntriesFirst(first);
    return pageEntries(await ctx.loaders.elog.entries.load({ experiment: exp.name, filter }), first, after);
  }

  @FieldResolver(() => [Workflow], { description: 'ARP workflow definitions, by name.' })
  workflows(@Root() exp: ElogExperiment, @Ctx() ctx: GraphQLContext): Promise<ElogWorkflowDefinition[]> {
    return ctx.loaders.elog.workflows.load(exp.name);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      "Where this experiment's workflows may run (`S3DF`, `NERSC`, …): its data-management locations that have a job service, the eLog's rule for WorkflowDefinitionInput.location (one eLog dm_locations request).",
  })
  workflowLocations(@Root() exp: ElogExperiment, @Ctx() ctx: GraphQLContext): Promise<string[]> {
    return ctx.loaders.elog.workflowLocations.load(exp.name);
  }

  @FieldResolver(() => [WorkflowJob], {
    nullable: true,
    description:
      'Workflow jobs (eLog workflow_jobs), highest run first; with `run`, that run’s only. One eLog request per experiment, shared with ElogRun.workflowJobs.',
  })
  async workflowJobs(
    @Root() exp: ElogExperiment,
    @Ctx() ctx: GraphQLContext,
    @Arg('run', () => Int, { nullable: true }) run?: number | null,
  ): Promise<ElogWorkflowJob[]> {
    const jobs = await ctx.loaders.elog.workflowJobs.load(exp.name);
    return run == null ? jobs : jobs.filter((j) => j.run === run);
  }
}
