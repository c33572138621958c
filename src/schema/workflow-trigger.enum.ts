import { registerEnumType } from 'type-graphql';

/** When the ARP starts a workflow: explgbk's trigger names (dal/explgbk.py `get_workflow_triggers`). */
export enum WorkflowTrigger {
  MANUAL = 'MANUAL',
  START_OF_RUN = 'START_OF_RUN',
  END_OF_RUN = 'END_OF_RUN',
  FIRST_FILE_TRANSFERRED = 'FIRST_FILE_TRANSFERRED',
  ALL_FILES_TRANSFERRED = 'ALL_FILES_TRANSFERRED',
  ALL_NONREC_FILES_TRANSFERRED = 'ALL_NONREC_FILES_TRANSFERRED',
  RUN_PARAM_IS_VALUE = 'RUN_PARAM_IS_VALUE',
}

registerEnumType(WorkflowTrigger, {
  name: 'WorkflowTrigger',
  description:
    "When the ARP starts a workflow, by the eLog's own names. LUTE's names go in WorkflowDefinitionInput.luteTrigger: " +
    'manual = MANUAL, run_start = START_OF_RUN, run_end = END_OF_RUN, param_is = RUN_PARAM_IS_VALUE.',
  valuesConfig: {
    MANUAL: { description: 'Only when triggered by hand (triggerWorkflow, or the eLog page). LUTE: manual.' },
    START_OF_RUN: { description: 'When a run starts. LUTE: run_start.' },
    END_OF_RUN: { description: 'When a run ends. LUTE: run_end (LUTE’s default).' },
    FIRST_FILE_TRANSFERRED: { description: "When the run's first file reached the location." },
    ALL_FILES_TRANSFERRED: { description: "When all the run's files reached the location." },
    ALL_NONREC_FILES_TRANSFERRED: { description: "When all the run's non-recorder files reached the location." },
    RUN_PARAM_IS_VALUE: {
      description: 'When the run parameter runParamName takes the value runParamValue. LUTE: param_is.',
    },
  },
});
