import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../errors';
import type { ElogWorkflowDefinition, ElogWorkflowJob } from '../datasources/elog/elog-types';
import type { RunCounter as Counter } from '../datasources/elog/elog-run-status';
import { triggerOfLuteName } from '../datasources/elog/elog-workflow';
import { assertOperator } from '../auth/job-visibility';
import { RunCounter } from '../schema/run-counter.type';
import { Workflow } from '../schema/workflow.type';
import { WorkflowDefinitionInput } from '../schema/workflow-definition.input';
import { WorkflowJob } from '../schema/workflow-job.type';
import { configuredDatasource } from './configured-datasource';
import { writeCall } from './elog-mutation.resolver';
import type { GraphQLContext } from './graphql-context';

/** Who may change workflows, for every description below. */
const RULE =
  "Operators, or the experiment's members with their own eLog credentials: the gateway never writes workflows as the shared <hutch>opr account for anyone else (in Kerberos modes the caller sends X-Jobgraph-Elog-Negotiate; the eLog then decides membership, a non-member is FORBIDDEN). Sent once, never retried.";

/** The eLog trigger of an input: `trigger`, or LUTE's `luteTrigger` mapped; exactly one. */
function triggerOf(input: WorkflowDefinitionInput): string {
  const lute = input.luteTrigger ?? undefined;
  if ((input.trigger == null) === (lute === undefined))
    throw new BadUserInputError('give exactly one of trigger (the eLog’s names) and luteTrigger (LUTE’s names)');
  return lute !== undefined ? triggerOfLuteName(lute) : (input.trigger as string);
}

/** Workflow definitions and jobs (LUTE's post_elog_workflow and more), and the ARP job page counters read back. */
@Resolver()
export class WorkflowMutationResolver {
  @Mutation(() => Workflow, {
    description: `Creates a workflow definition on an experiment, or replaces the one input.id names (eLog create_update_workflow_def, with its checks: trigger, a location of the experiment with a job service, a name not yet used, a person as its user). ${RULE}`,
  })
  saveWorkflowDefinition(
    @Arg('input', () => WorkflowDefinitionInput) input: WorkflowDefinitionInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogWorkflowDefinition> {
    const trigger = triggerOf(input);
    return configuredDatasource(ctx, 'elog').saveWorkflow(
      {
        experiment: input.experiment,
        ...(input.id != null ? { id: input.id } : {}),
        name: input.name,
        executable: input.executable,
        parameters: input.parameters,
        trigger,
        location: input.location,
        ...(input.runParamName != null ? { runParamName: input.runParamName } : {}),
        ...(input.runParamValue != null ? { runParamValue: input.runParamValue } : {}),
      },
      writeCall(ctx),
    );
  }

  @Mutation(() => Boolean, {
    description: `Deletes a workflow definition (eLog DELETE workflow_definitions/<id>); the eLog refuses while jobs use it. ${RULE}`,
  })
  deleteWorkflowDefinition(
    @Arg('experiment', () => String) experiment: string,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<boolean> {
    return configuredDatasource(ctx, 'elog').deleteWorkflow(experiment, id, writeCall(ctx));
  }

  @Mutation(() => WorkflowJob, {
    description: `Starts the workflow definition named \`name\` for a run (eLog create_workflow_job, as the eLog's "run" button); the run must exist (NOT_FOUND, unsent). ${RULE}`,
  })
  triggerWorkflow(
    @Arg('experiment', () => String) experiment: string,
    @Arg('name', () => String, { description: 'Workflow.name' }) name: string,
    @Arg('run', () => Int) run: number,
    @Ctx() ctx: GraphQLContext,
  ): Promise<ElogWorkflowJob> {
    return configuredDatasource(ctx, 'elog').triggerWorkflow(experiment, name, run, writeCall(ctx));
  }

  @Query(() => [RunCounter], {
    description:
      'Operators only. The ARP job page counters of an ARP job (what postRunStatus writes), read with the JID get_counters call and the gateway’s ARP token. updateUrl as postRunStatus: the job’s JID_UPDATE_COUNTERS, default the gateway’s own.',
  })
  runStatus(
    @Ctx() ctx: GraphQLContext,
    @Arg('updateUrl', () => String, { nullable: true }) updateUrl?: string | null,
  ): Promise<Counter[]> {
    // Read with the gateway's own ARP token, like postRunStatus: hence operators only.
    assertOperator(ctx.caller, 'runStatus');
    return configuredDatasource(ctx, 'elog').runStatus(updateUrl ?? undefined, ctx.loaders.elog.call);
  }
}
