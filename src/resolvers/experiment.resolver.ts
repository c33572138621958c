import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../errors';
import type { ElogExperiment, ElogRunInfo, ElogWorkflowDefinition } from '../datasources/elog/elog-types';
import { ElogRun } from '../schema/elog-run.type';
import { Experiment } from '../schema/experiment.type';
import { Workflow } from '../schema/workflow.type';
import { configuredDatasource } from './configured-datasource';
import type { GraphQLContext } from './graphql-context';

const MAX_RUNS_PAGE = 1000;

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
    description: 'Whether this is the active experiment of its instrument (any station).',
  })
  isActive(@Root() exp: ElogExperiment, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return ctx.loaders.elog.isActive.load(exp.name);
  }

  @FieldResolver(() => [ElogRun], {
    description:
      'Runs, highest number first; with `tag`, only runs whose eLog entries carry that exact tag. `after` is a run number from a previous page.',
  })
  async runs(
    @Root() exp: ElogExperiment,
    @Ctx() ctx: GraphQLContext,
    @Arg('tag', () => String, { nullable: true }) tag?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<ElogRunInfo[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_RUNS_PAGE)
      throw new BadUserInputError(`first must be between 0 and ${MAX_RUNS_PAGE}, got ${first}`, { first });
    if (after != null && !/^\d+$/.test(after))
      throw new BadUserInputError(`after must be a run number, got ${JSON.stringify(after)}`, { after });
    const [runs, tagged] = await Promise.all([
      ctx.loaders.elog.runs.load(exp.name),
      tag != null ? configuredDatasource(ctx, 'elog').runsWithTag(exp.name, tag) : undefined,
    ]);
    const wanted = tagged ? new Set(tagged) : undefined;
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

  @FieldResolver(() => [Workflow], { description: 'ARP workflow definitions, by name.' })
  workflows(@Root() exp: ElogExperiment, @Ctx() ctx: GraphQLContext): Promise<ElogWorkflowDefinition[]> {
    return ctx.loaders.elog.workflows.load(exp.name);
  }
}
