import { Field, ID, InputType } from 'type-graphql';
import { WorkflowTrigger } from './workflow-trigger.enum';

/** What `saveWorkflowDefinition` sends to explgbk's `create_update_workflow_def`. */
@InputType({
  description:
    "An ARP workflow definition of an experiment (LUTE's post_elog_workflow). Without id: a new definition (the eLog refuses a second one of the same name); with id: the definition replaced whole. The eLog runs it as the user who saved it.",
})
export class WorkflowDefinitionInput {
  @Field(() => String)
  experiment!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Update this definition (Workflow.id); the whole definition is replaced.',
  })
  id?: string;

  @Field(() => String, { description: 'Unique name within the experiment, e.g. `smd_producer`.' })
  name!: string;

  @Field(() => String, { description: 'Absolute path of the executable.' })
  executable!: string;

  @Field(() => String, { defaultValue: '', description: 'Command-line parameters, one string.' })
  parameters!: string;

  @Field(() => WorkflowTrigger, {
    nullable: true,
    description: 'When it starts, by the eLog’s names. Give exactly one of trigger and luteTrigger.',
  })
  trigger?: WorkflowTrigger;

  @Field(() => String, {
    nullable: true,
    description:
      "When it starts, by LUTE's names: `manual`, `run_start`, `run_end`, `param_is` (MANUAL, START_OF_RUN, END_OF_RUN, RUN_PARAM_IS_VALUE). Give exactly one of trigger and luteTrigger.",
  })
  luteTrigger?: string;

  @Field(() => String, {
    defaultValue: 'S3DF',
    description:
      "Where it runs: one of the experiment's data-management locations that has a job service (`S3DF`, `NERSC`, …), as the eLog checks. Default S3DF, as LUTE.",
  })
  location!: string;

  @Field(() => String, {
    nullable: true,
    description: "RUN_PARAM_IS_VALUE only (and then required): the run parameter watched (LUTE's trig_param).",
  })
  runParamName?: string;

  @Field(() => String, {
    nullable: true,
    description: "RUN_PARAM_IS_VALUE only (and then required): the value that starts it (LUTE's trig_param_val).",
  })
  runParamValue?: string;
}
