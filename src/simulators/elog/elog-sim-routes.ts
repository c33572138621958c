import { mintArpToken } from './elog-sim-proxy';
import type { SimIdentity } from './elog-sim-proxy';
import { infoDoc, runDoc, entryDoc } from './elog-sim-docs';
import {
  attachment,
  listRuns,
  oneRun,
  runParamsForAllRuns,
  runsForCalib,
  runsWithTag,
  searchElog,
} from './elog-sim-reads';
import { isoformat } from './elog-sim-json';
import { htmlError, JSON_TYPE, ok, textError } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';
import type { ElogSimStore, SimExperiment } from './elog-sim-store';
import { addRunParams, newElogEntry } from './elog-sim-writes';
import {
  createUpdateWorkflow,
  createWorkflowJob,
  deleteWorkflow,
  dmLocations,
  SIM_TRIGGERS,
  workflowDefinitions,
  workflowJobs,
} from './elog-sim-workflows';
import type { SimBody } from './elog-sim-writes';
import type { KeyLike } from 'jose';

/** Everything a route handler may use. */
export interface SimCall {
  store: ElogSimStore;
  exp: SimExperiment;
  match: RegExpExecArray;
  query: URLSearchParams;
  identity: SimIdentity | undefined;
  prefix: string;
  body: SimBody;
  maxAttachmentBytes: number;
  /** Epoch ms. */
  now: number;
  jwtPrivateKey: KeyLike;
}

/** One explgbk route: who may call it and what it does. */
export interface SimRoute {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  label: string;
  /** `public`: no auth check; `user`: any identity; `read` / `post`: privilege on the experiment. */
  access: 'public' | 'user' | 'read' | 'post';
  /** Refused (423) on a locked experiment. */
  locks?: boolean;
  /**
   * No `@experiment_exists` (explgbk's workflow writes): an unknown experiment fails the privilege
   * check, 403, instead of 404.
   */
  noExistsCheck?: boolean;
  /** Only through `ws-kerb`. */
  kerberosOnly?: boolean;
  handle(call: SimCall): SimReply | Promise<SimReply>;
}

const exp = (tail: string): RegExp => new RegExp(`^/lgbk/([^/]+)/ws/${tail}$`);

/** The explgbk routes the client uses, plus the ones the contract's checklist names. Paths follow `/<prefix>/<app>`. */
export const SIM_ROUTES: readonly SimRoute[] = [
  { method: 'GET', pattern: exp('info'), label: 'info', access: 'read', handle: (c) => ok(infoDoc(c.exp)) },
  {
    method: 'GET',
    pattern: exp('internalinfo'),
    label: 'internalinfo',
    access: 'public',
    handle: (c) => {
      const { instrument, start_time, end_time, posix_group, params } = infoDoc(c.exp);
      return ok({
        instrument,
        proposal_id: params && (params as { PNR: string }).PNR,
        start_time,
        end_time,
        posix_group,
        params,
      });
    },
  },
  { method: 'GET', pattern: exp('runs'), label: 'runs', access: 'read', handle: (c) => listRuns(c.exp, c.query) },
  {
    method: 'GET',
    pattern: exp('runs/([^/]+)'),
    label: 'runs/<n>',
    access: 'read',
    handle: (c) => oneRun(c.exp, c.match[2] ?? ''),
  },
  {
    method: 'GET',
    pattern: exp('runs_for_calib'),
    label: 'runs_for_calib',
    access: 'public',
    handle: (c) => runsForCalib(c.exp),
  },
  {
    method: 'GET',
    pattern: exp('current_run'),
    label: 'current_run',
    access: 'public',
    handle: (c) => {
      const last = c.exp.runs.at(-1);
      return last
        ? ok(runDoc(last, false))
        : { status: 200, contentType: JSON_TYPE, body: '{"success": false, "value": null}' };
    },
  },
  {
    method: 'GET',
    pattern: exp('get_run_params_for_all_runs'),
    label: 'get_run_params_for_all_runs',
    access: 'read',
    handle: (c) => runParamsForAllRuns(c.exp, c.query),
  },
  {
    method: 'GET',
    pattern: exp('get_runs_with_tag'),
    label: 'get_runs_with_tag',
    access: 'public',
    handle: (c) => runsWithTag(c.store, c.exp, c.query),
  },
  {
    method: 'GET',
    pattern: exp('get_runs_to_tags'),
    label: 'get_runs_to_tags',
    access: 'read',
    handle: (c) => ok(c.store.runsToTags(c.exp)),
  },
  {
    method: 'GET',
    pattern: exp('workflow_definitions'),
    label: 'workflow_definitions',
    access: 'read',
    handle: (c) => workflowDefinitions(c.exp),
  },
  {
    method: 'GET',
    pattern: exp('workflow_triggers'),
    label: 'workflow_triggers',
    access: 'read',
    handle: () => ok(SIM_TRIGGERS),
  },
  {
    method: 'GET',
    pattern: exp('dm_locations'),
    label: 'dm_locations',
    access: 'read',
    handle: (c) => ok(dmLocations(c.exp)),
  },
  {
    method: 'POST',
    pattern: exp('create_update_workflow_def'),
    label: 'create_update_workflow_def',
    access: 'post',
    noExistsCheck: true,
    handle: (c) => createUpdateWorkflow(c.store, c.exp, c.identity?.user ?? '', c.body),
  },
  {
    method: 'DELETE',
    pattern: exp('workflow_definitions/([^/]+)'),
    label: 'workflow_definitions/<id>',
    access: 'post',
    noExistsCheck: true,
    handle: (c) => deleteWorkflow(c.exp, decodeURIComponent(c.match[2] ?? '')),
  },
  {
    method: 'POST',
    pattern: exp('create_workflow_job'),
    label: 'create_workflow_job',
    access: 'post',
    noExistsCheck: true,
    handle: (c) => createWorkflowJob(c.store, c.exp, c.identity?.user ?? '', c.body, c.now),
  },
  {
    method: 'GET',
    pattern: exp('workflow_jobs'),
    label: 'workflow_jobs',
    access: 'read',
    handle: (c) => workflowJobs(c.store, c.exp),
  },
  {
    method: 'GET',
    pattern: exp('elog'),
    label: 'elog',
    access: 'read',
    handle: (c) => ok([...c.exp.entries].sort((a, b) => a.insert_time - b.insert_time).map(entryDoc)),
  },
  {
    method: 'GET',
    pattern: exp('search_elog'),
    label: 'search_elog',
    access: 'read',
    handle: (c) => searchElog(c.exp, c.query),
  },
  {
    method: 'GET',
    pattern: exp('attachment'),
    label: 'attachment',
    access: 'read',
    handle: (c) => attachment(c.exp, c.query),
  },
  {
    method: 'GET',
    pattern: exp('generate_arp_token'),
    label: 'generate_arp_token',
    access: 'read',
    kerberosOnly: true,
    handle: async (c) => {
      const minutes = Number(c.query.get('token_lifetime') ?? '300');
      if (!Number.isInteger(minutes) || minutes <= 0 || minutes > 480)
        return textError(500, 'Token lifetime must be between 1 and 480 minutes');
      return ok(
        await mintArpToken(c.jwtPrivateKey, c.identity?.user ?? '', c.exp.id, minutes * 60, Math.floor(c.now / 1000)),
      );
    },
  },
  {
    method: 'POST',
    pattern: exp('new_elog_entry'),
    label: 'new_elog_entry',
    access: 'post',
    handle: (c) => newElogEntry(c.store, c.exp, c.identity?.user ?? '', c.body, c.maxAttachmentBytes, c.now),
  },
  {
    method: 'POST',
    pattern: /^\/run_control\/([^/]+)\/ws\/add_run_params$/,
    label: 'add_run_params',
    access: 'post',
    locks: true,
    handle: (c) => addRunParams(c.exp, c.query, c.body),
  },
  {
    method: 'POST',
    pattern: exp('add_run_params'),
    label: 'add_run_params',
    access: 'post',
    locks: true,
    handle: (c) => addRunParams(c.exp, c.query, c.body),
  },
];

/** `activeexperiment_for_instrument_station`: public; 500 text when none is active. */
export function activeExperimentReply(store: ElogSimStore, query: URLSearchParams): SimReply {
  const instrument = (query.get('instrument_name') ?? '').toUpperCase();
  const stationText = query.get('station') ?? '0';
  if (!/^\d+$/.test(stationText)) return htmlError(500, true);
  const station = Number(stationText);
  const active = store.active(instrument, station);
  if (!active) return textError(500, `Cannot find a valid active experiment for ${instrument}/${station}, found None`);
  const last = active.runs.at(-1);
  return ok({
    ...infoDoc(active),
    station,
    switch_time: isoformat(active.source.startTime * 1000 - 1_131_000),
    requestor_uid: `${active.source.hutch}opr`,
    ...(last ? { current_run: { num: last.num, begin_time: isoformat(last.begin_time) } } : {}),
  });
}

/** `activeexperiments`: one item per instrument and station, standby ones without a name. */
export function activeExperimentsReply(store: ElogSimStore): SimReply {
  const slots = [
    ...new Set([...store.experiments.values()].map((e) => `${e.source.instrument.toUpperCase()}/${e.source.station}`)),
  ].sort();
  return ok(
    slots.map((slot) => {
      const [instrument = '', station = '0'] = slot.split('/');
      const active = store.active(instrument, Number(station));
      return active
        ? { ...infoDoc(active), station: Number(station) }
        : {
            instrument,
            is_standby: true,
            station: Number(station),
            switch_time: isoformat(0),
            requestor_uid: `${instrument.toLowerCase()}opr`,
          };
    }),
  );
}
