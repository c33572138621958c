import { JobgraphError } from '../../errors';
import type { ElogWorkflowInput } from './elog-types';

/**
 * explgbk's workflow triggers (dal/explgbk.py `get_workflow_triggers`, the values its
 * `create_update_workflow_def` accepts), in its order.
 */
export const ELOG_WORKFLOW_TRIGGERS = [
  'MANUAL',
  'START_OF_RUN',
  'END_OF_RUN',
  'FIRST_FILE_TRANSFERRED',
  'ALL_FILES_TRANSFERRED',
  'ALL_NONREC_FILES_TRANSFERRED',
  'RUN_PARAM_IS_VALUE',
] as const;

/** One of {@link ELOG_WORKFLOW_TRIGGERS}. */
export type ElogWorkflowTrigger = (typeof ELOG_WORKFLOW_TRIGGERS)[number];

/**
 * LUTE's trigger names (slac-lcls/lute `lute/io/elog.py` `post_elog_workflow`, its `trig_map`) and
 * the eLog trigger each stands for. LUTE has no name for the three file-transfer triggers.
 */
export const LUTE_WORKFLOW_TRIGGERS: Readonly<Record<string, ElogWorkflowTrigger>> = {
  manual: 'MANUAL',
  run_start: 'START_OF_RUN',
  run_end: 'END_OF_RUN',
  param_is: 'RUN_PARAM_IS_VALUE',
};

function refuse(message: string, details: Record<string, string> = {}): never {
  throw new JobgraphError('BAD_USER_INPUT', message, { backend: 'elog', details: { maybeStored: false, ...details } });
}

/** The eLog trigger of a LUTE trigger name; BAD_USER_INPUT naming LUTE's names otherwise. */
export function triggerOfLuteName(name: string): ElogWorkflowTrigger {
  const trigger = LUTE_WORKFLOW_TRIGGERS[name];
  if (trigger === undefined)
    refuse(
      `unknown LUTE workflow trigger ${JSON.stringify(name)}; LUTE's names are ${Object.keys(LUTE_WORKFLOW_TRIGGERS).join(', ')}`,
      { luteTrigger: name },
    );
  return trigger;
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** An eLog document id (Mongo ObjectId, 24 hex digits); explgbk crashes (HTTP 500) on anything else. */
export function checkObjectId(id: string, what: string): void {
  if (!OBJECT_ID.test(id)) refuse(`${what} must be an eLog id of 24 hexadecimal digits, got ${JSON.stringify(id)}`);
}

/**
 * Checks a definition before anything is sent and builds the JSON explgbk's
 * `create_update_workflow_def` reads. explgbk itself checks (in this order) the five keys, the
 * trigger, the location, the user and the name (§3.6); the gateway adds what its web form checks
 * (`run_param_name`/`run_param_value` with RUN_PARAM_IS_VALUE, and only with it), non-blank
 * fields, and the id's form (an update sends `_id`; the whole document is replaced).
 */
export function workflowDefinitionBody(input: ElogWorkflowInput): Record<string, string> {
  for (const key of ['name', 'executable', 'location'] as const)
    if (input[key].trim() === '') refuse(`workflow ${key} must not be blank`, { field: key });
  if (!(ELOG_WORKFLOW_TRIGGERS as readonly string[]).includes(input.trigger))
    refuse(`Invalid trigger ${input.trigger}; the eLog's triggers are ${ELOG_WORKFLOW_TRIGGERS.join(', ')}`);
  const param = input.trigger === 'RUN_PARAM_IS_VALUE';
  if (param && (!input.runParamName?.trim() || input.runParamValue === undefined))
    refuse('trigger RUN_PARAM_IS_VALUE needs runParamName and runParamValue (the run parameter and its value)');
  if (!param && (input.runParamName !== undefined || input.runParamValue !== undefined))
    refuse(`runParamName and runParamValue go with trigger RUN_PARAM_IS_VALUE only, not ${input.trigger}`);
  if (input.id !== undefined) checkObjectId(input.id, 'workflow definition id');
  return {
    ...(input.id !== undefined ? { _id: input.id } : {}),
    name: input.name,
    executable: input.executable,
    parameters: input.parameters,
    trigger: input.trigger,
    location: input.location,
    ...(param ? { run_param_name: input.runParamName as string, run_param_value: input.runParamValue as string } : {}),
  };
}
