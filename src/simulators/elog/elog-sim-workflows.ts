import { isoformat } from './elog-sim-json';
import { htmlError, ok, okWrite, refused, textError } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';
import type { ElogSimStore, SimExperiment } from './elog-sim-store';
import type { SimBody } from './elog-sim-writes';

/** explgbk's triggers (dal/explgbk.py `get_workflow_triggers`), values and labels. */
export const SIM_TRIGGERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'MANUAL', label: 'Manually triggered' },
  { value: 'START_OF_RUN', label: 'Start of a run' },
  { value: 'END_OF_RUN', label: 'End of a run' },
  { value: 'FIRST_FILE_TRANSFERRED', label: 'First file transfer' },
  { value: 'ALL_FILES_TRANSFERRED', label: 'All files transferred' },
  { value: 'ALL_NONREC_FILES_TRANSFERRED', label: 'All non-recorder files transferred' },
  { value: 'RUN_PARAM_IS_VALUE', label: 'Run table param has value' },
];

/**
 * The site's DM locations (explgbk `site_config.dm_locations`): those with `all_experiments` serve
 * every experiment, the others only experiments naming them in `params.dm_locations`. Only
 * locations with a `jid_prefix` can run workflows.
 */
export const SIM_DM_LOCATIONS: ReadonlyArray<Record<string, unknown>> = [
  { name: 'SRCF_FFB', all_experiments: true },
  { name: 'S3DF', all_experiments: true, jid_prefix: 'https://psdm.slac.stanford.edu/arps3dfjid/' },
  { name: 'NERSC', jid_prefix: 'https://psdm.slac.stanford.edu/arpnerscjid/' },
];

/** explgbk `get_dm_locations`: the site-wide ones plus those the experiment's `params.dm_locations` names. */
export function dmLocations(exp: SimExperiment): Record<string, unknown>[] {
  const own = exp.dmLocations.split(/\s+/);
  return SIM_DM_LOCATIONS.filter((l) => l.all_experiments === true || own.includes(String(l.name)));
}

/** A stored workflow job (explgbk `workflow_jobs`). */
export interface SimWorkflowJob {
  _id: string;
  run_num: number;
  def_id: string;
  user: string;
  status: string;
  /** Epoch ms. */
  submit_time: number;
  /** The batch job id (SLURM), once the ARP submitted it. */
  tool_id?: string;
}

/** The JSON document of a POST, as Flask's `request.json` reads it; a reply when it would abort. */
function jsonBody(body: SimBody): Record<string, unknown> | SimReply {
  if (!body.contentType.startsWith('application/json')) return htmlError(415, true);
  try {
    const value: unknown = JSON.parse(body.bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : htmlError(400, true);
  } catch {
    return htmlError(400, true);
  }
}

const isReply = (v: unknown): v is SimReply => typeof v === 'object' && v !== null && 'status' in v && 'body' in v;

/** Python's repr of a set of strings (explgbk formats missing keys with `%s`). */
const pySet = (keys: string[]): string => `{${keys.map((k) => `'${k}'`).join(', ')}}`;

const byName = (exp: SimExperiment): Record<string, unknown>[] =>
  [...exp.workflows].sort((a, b) => String(a.name).localeCompare(String(b.name)));

/** `workflow_definitions`, by name. */
export function workflowDefinitions(exp: SimExperiment): SimReply {
  return ok(byName(exp));
}

/**
 * `create_update_workflow_def` (services/explgbk.py `svc_create_update_wf_definition`), its
 * checks in explgbk's order: JSON document, the five keys, trigger, location (a DM location with
 * a `jid_prefix`), the writer (root and 6-letter `…opr` ids refused), the name unless `_id`; then
 * insert, or replace the whole document `_id` names.
 */
export function createUpdateWorkflow(store: ElogSimStore, exp: SimExperiment, user: string, body: SimBody): SimReply {
  const info = jsonBody(body);
  if (isReply(info)) return info;
  if (Object.keys(info).length === 0)
    return textError(500, 'Please pass in the workflow definition as a JSON document.');
  const missing = ['executable', 'location', 'name', 'parameters', 'trigger'].filter((k) => !(k in info));
  if (missing.length > 0) return refused(`Create/update workflow missing keys ${pySet(missing)}`);
  if (!SIM_TRIGGERS.some((t) => t.value === info.trigger))
    return refused(`Invalid trigger ${String(info.trigger)} in create/update workflow`);
  if (!dmLocations(exp).some((l) => l.name === info.location && l.jid_prefix))
    return refused(`Invalid location ${String(info.location)} in create/update workflow`);
  info.run_as_user = user;
  if (user === 'root' || (user.length === 6 && user.endsWith('opr')))
    return refused(`Cannot create a workflow definition for the user ${user} for security reasons`);
  if (exp.workflows.some((w) => w.name === info.name) && !('_id' in info))
    return refused(`There already exists a workflow definition for ${String(info.name)}`);
  if ('_id' in info) {
    const id = String(info._id);
    // ObjectId(id) raises on anything but 24 hex digits: an uncaught exception.
    if (!/^[0-9a-f]{24}$/i.test(id)) return htmlError(500, true);
    const at = exp.workflows.findIndex((w) => w._id === id);
    if (at < 0) return refused(`Cannot find workflow definition with id ${id} `);
    exp.workflows[at] = { ...info, _id: id };
    return okWrite(exp.workflows[at]);
  }
  const doc = { ...info, _id: store.newId() };
  exp.workflows.push(doc);
  return okWrite(doc);
}

/** `DELETE workflow_definitions/<id>` (dal `delete_wf_definition`): refused while jobs use it. */
export function deleteWorkflow(exp: SimExperiment, id: string): SimReply {
  if (!/^[0-9a-f]{24}$/i.test(id)) return htmlError(500, true);
  const at = exp.workflows.findIndex((w) => w._id === id);
  if (at < 0) return refused(`Cannot find workflow object with id ${id} `);
  const jobs = exp.workflowJobs.filter((j) => j.def_id === id).length;
  if (jobs > 0) return refused(`Cannot delete workflow definition as we have ${jobs} jobs using this definition.`);
  exp.workflows.splice(at, 1);
  return okWrite(null);
}

/** A job as `workflow_jobs` answers it: the definition embedded as `def`, counters as the JID keeps them. */
function jobDoc(store: ElogSimStore, exp: SimExperiment, job: SimWorkflowJob): Record<string, unknown> | undefined {
  const def = exp.workflows.find((w) => w._id === job.def_id);
  if (!def) return undefined; // `$unwind` drops jobs whose definition is gone.
  const counters = store.counters.get(`${exp.id}/${job._id}`);
  return {
    ...job,
    submit_time: isoformat(job.submit_time),
    ...(counters ? { counters } : {}),
    def,
    experiment: exp.id,
  };
}

/** `workflow_jobs`: every job, run number descending. */
export function workflowJobs(store: ElogSimStore, exp: SimExperiment): SimReply {
  return ok(
    [...exp.workflowJobs]
      .sort((a, b) => b.run_num - a.run_num)
      .map((j) => jobDoc(store, exp, j))
      .filter((d) => d !== undefined),
  );
}

/**
 * `create_workflow_job` (`svc_create_workflow_job`): `job_name` and `run_num` needed, the
 * definition found by name; the run is NOT checked (`int(run_num)` only); status `START`.
 */
export function createWorkflowJob(
  store: ElogSimStore,
  exp: SimExperiment,
  user: string,
  body: SimBody,
  now: number,
): SimReply {
  const info = jsonBody(body);
  if (isReply(info)) return info;
  if (Object.keys(info).length === 0) return textError(500, 'Please pass in the workflow job as a JSON document.');
  const missing = ['job_name', 'run_num'].filter((k) => !(k in info));
  if (missing.length > 0) return refused(`Create/update workflow job missing keys ${pySet(missing)}`);
  const def = exp.workflows.find((w) => w.name === info.job_name);
  if (!def) return refused(`Cannot find job definition for ${String(info.job_name)} `);
  const run = Number(info.run_num);
  if (!Number.isInteger(run)) return htmlError(500, true);
  const job: SimWorkflowJob = {
    _id: store.newId(),
    run_num: run,
    def_id: String(def._id),
    user,
    status: 'START',
    submit_time: now,
  };
  exp.workflowJobs.push(job);
  return okWrite(jobDoc(store, exp, job));
}
