import { UpstreamError } from '../../errors';
import { parseElogDate, unescapeParamKeys } from './elog-json';
import { toCounters } from './elog-run-status';
import type {
  ElogAttachment,
  ElogEntry,
  ElogExperiment,
  ElogRunInfo,
  ElogWorkflowDefinition,
  ElogWorkflowJob,
} from './elog-types';

type Raw = Record<string, unknown>;

function asObject(value: unknown, what: string): Raw {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new UpstreamError('elog', `eLog sent ${what} that is not an object`);
  return value as Raw;
}

/** A list payload; anything else is an upstream error naming `what`. */
export function asList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new UpstreamError('elog', `eLog sent ${what} that is not a list`);
  return value;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function runNumber(v: unknown, what: string): number {
  // CryoEM deployments store run numbers as strings; LCLS ones never do.
  if (typeof v !== 'number' || !Number.isInteger(v))
    throw new UpstreamError('elog', `eLog sent ${what} with a run number that is not an integer`);
  return v;
}

function defined<T extends object>(obj: T): T {
  for (const key of Object.keys(obj) as (keyof T)[]) if (obj[key] === undefined) delete obj[key];
  return obj;
}

/**
 * §4.1 experiment info (also an active-experiment value). `isLocked` is false when `is_locked`
 * is absent; `internalinfo` (mode `none`) never says, see {@link toInternalInfo}.
 */
export function toExperiment(raw: unknown, fallbackName?: string): ElogExperiment {
  const o = asObject(raw, 'experiment info');
  const name = str(o.name) ?? fallbackName;
  if (!name) throw new UpstreamError('elog', 'eLog sent experiment info without a name');
  return defined({
    name,
    instrument: str(o.instrument)?.toUpperCase(),
    description: str(o.description),
    startTime: parseElogDate(o.start_time),
    endTime: parseElogDate(o.end_time),
    leaderAccount: str(o.leader_account),
    contactInfo: str(o.contact_info),
    posixGroup: str(o.posix_group),
    params: o.params && typeof o.params === 'object' ? (o.params as Raw) : {},
    // explgbk stores is_locked only once an experiment was locked: absent means never locked.
    isLocked: typeof o.is_locked === 'boolean' ? o.is_locked : false,
    station: typeof o.station === 'number' ? o.station : undefined,
  });
}

/** `internalinfo` (mode `none`), given the name the client asked for: whether it is locked is unknown. */
export function toInternalInfo(raw: unknown, name: string): ElogExperiment {
  const info = toExperiment(raw, name);
  delete info.isLocked;
  return info;
}

/** §4.2 from `/ws/runs`, or a `runs_for_calib` row (`run_num`, epoch-second times). */
export function toRun(raw: unknown, experiment: string): ElogRunInfo {
  const o = asObject(raw, 'a run');
  const number = runNumber(o.num ?? o.run_num, 'a run');
  const editable = unescapeParamKeys(o.editable_params);
  return defined({
    experiment,
    number,
    type: str(o.type) ?? str(o.run_type),
    beginTime: parseElogDate(o.begin_time),
    endTime: parseElogDate(o.end_time) ?? null,
    editableParams: editable,
  });
}

/** §4.3: `{num, params}` rows into run number → params with plain names. */
export function toRunParams(rows: unknown): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  for (const row of asList(rows, 'run parameters')) {
    const o = asObject(row, 'a run-parameters row');
    out.set(runNumber(o.num, 'run parameters'), unescapeParamKeys(o.params));
  }
  return out;
}

/** §4.6. */
export function toWorkflow(raw: unknown): ElogWorkflowDefinition {
  const o = asObject(raw, 'a workflow definition');
  const value = o.run_param_value ?? o.run_param_val;
  return defined({
    id: str(o._id) ?? '',
    name: str(o.name) ?? '',
    executable: str(o.executable) ?? '',
    parameters: str(o.parameters) ?? '',
    trigger: str(o.trigger) ?? '',
    location: str(o.location) ?? '',
    runAsUser: str(o.run_as_user),
    runParamName: str(o.run_param_name),
    runParamValue: value === undefined || value === null ? undefined : String(value),
  });
}

/** A workflow job (`workflow_jobs`, `create_workflow_job`): the definition embedded as `def`. */
export function toWorkflowJob(raw: unknown, experiment: string): ElogWorkflowJob {
  const o = asObject(raw, 'a workflow job');
  const run = typeof o.run_num === 'string' && /^\d+$/.test(o.run_num) ? Number(o.run_num) : o.run_num;
  const toolId = o.tool_id;
  return defined({
    id: str(o._id) ?? '',
    experiment,
    run: runNumber(run, 'a workflow job'),
    definition: o.def && typeof o.def === 'object' ? toWorkflow(o.def) : null,
    user: str(o.user),
    status: str(o.status),
    submittedAt: parseElogDate(o.submit_time),
    toolId: typeof toolId === 'number' || typeof toolId === 'string' ? String(toolId) : undefined,
    logFilePath: str(o.log_file_path),
    counters: toCounters(o.counters),
  });
}

function toAttachment(raw: unknown, experiment: string, entryId: string): ElogAttachment {
  const o = asObject(raw, 'an attachment');
  return defined({
    experiment,
    entryId,
    id: str(o._id) ?? '',
    name: str(o.name) ?? '',
    type: str(o.type) ?? '',
    url: str(o.url) ?? '',
    previewUrl: str(o.preview_url),
  });
}

/** §4.4. */
export function toEntry(raw: unknown, experiment: string): ElogEntry {
  const o = asObject(raw, 'an eLog entry');
  const insertedAt = parseElogDate(o.insert_time);
  if (!insertedAt) throw new UpstreamError('elog', 'eLog sent an entry without a readable insert_time');
  const id = str(o._id) ?? '';
  return defined({
    id,
    experiment,
    insertedAt,
    relevanceTime: parseElogDate(o.relevance_time),
    author: str(o.author) ?? '',
    text: str(o.content) ?? '',
    contentType: str(o.content_type),
    title: str(o.title),
    tags: Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === 'string') : [],
    run: typeof o.run_num === 'number' ? o.run_num : undefined,
    attachments: Array.isArray(o.attachments) ? o.attachments.map((a) => toAttachment(a, experiment, id)) : [],
    parentId: str(o.parent),
    rootId: str(o.root),
    deleted: o.deleted_by !== undefined || o.deleted_time !== undefined ? true : undefined,
  });
}
