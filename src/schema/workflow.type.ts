import { Field, ID, ObjectType } from 'type-graphql';

/** An ARP workflow definition of an experiment. */
@ObjectType({ description: 'An ARP workflow definition of an experiment (eLog `workflow_definitions`).' })
export class Workflow {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  executable!: string;

  @Field(() => String, { description: 'Command-line parameters, one string.' })
  parameters!: string;

  @Field(() => String, {
    description:
      '`MANUAL`, `START_OF_RUN`, `END_OF_RUN`, `FIRST_FILE_TRANSFERRED`, `ALL_FILES_TRANSFERRED`, `ALL_NONREC_FILES_TRANSFERRED` or `RUN_PARAM_IS_VALUE`.',
  })
  trigger!: string;

  @Field(() => String, { description: 'Where it runs, e.g. `S3DF`, `NERSC`.' })
  location!: string;

  @Field(() => String, { nullable: true })
  runAsUser?: string;

  @Field(() => String, { nullable: true, description: 'For `RUN_PARAM_IS_VALUE`: the run parameter watched.' })
  runParamName?: string;

  @Field(() => String, { nullable: true, description: 'For `RUN_PARAM_IS_VALUE`: the value that triggers it.' })
  runParamValue?: string;
}
