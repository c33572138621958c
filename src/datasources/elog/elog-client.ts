import { JobgraphError } from '../../errors';
import { ElogAuth, hutchOf } from './elog-auth';
import type { ElogAuthMode, ElogAuthOptions, ElogCredentials } from './elog-auth';
import type { ElogDatasource } from './elog-datasource';
import type { ElogJobLinkKeys } from './elog-job-link';
import { ElogTransport, isStatusAnswer } from './elog-http';
import type { ElogBinaryAnswer, ElogHttpRequest, ElogTransportOptions } from './elog-http';
import { checkEntryFilter, selectEntries, selectorFor } from './elog-entry-filter';
import { errorForStatus, unwrapEnvelope } from './elog-errors';
import { activeNames, toActiveExperiment, TtlCache } from './elog-active';
import {
  asList,
  toEntry,
  toExperiment,
  toInternalInfo,
  toRun,
  toRunParams,
  toWorkflow,
  toWorkflowJob,
} from './elog-mappers';
import { DEFAULT_MAX_ATTACHMENT_BYTES, postBody, validatePost } from './elog-post';
import { counterValues, countersTarget, getCountersRequest, overlayCounters, toCounters } from './elog-run-status';
import type { ArpJobEnvironment, CountersTarget, RunCounter } from './elog-run-status';
import { checkObjectId, workflowDefinitionBody } from './elog-workflow';
import { runParamBatches, searchQuery } from './elog-queries';
import type {
  ElogAttachmentFile,
  ElogCallOptions,
  ElogEntry,
  ElogEntryFilter,
  ElogExperiment,
  ElogPostInput,
  ElogRunInfo,
  ElogSearch,
  ElogWorkflowDefinition,
  ElogWorkflowInput,
  ElogWorkflowJob,
} from './elog-types';

/** Settings of {@link ElogClient}; the config section `elog` maps onto these. */
export interface ElogClientOptions {
  /** `JOBGRAPH_ELOG_URL`, e.g. `https://pswww.slac.stanford.edu` (trailing `/` trimmed). */
  url: string;
  /** `JOBGRAPH_ELOG_APP`: the app segment after the prefix. Default `lgbk` (`devlgbk` for the dev instance). */
  app?: string;
  auth: ElogAuthOptions;
  /** `JOBGRAPH_ELOG_TIMEOUT_MS`: deadline of a read, retries included. Default 15,000 ms. */
  timeoutMs?: number;
  /** `JOBGRAPH_ELOG_WRITE_TIMEOUT_MS`: deadline of a write. Default 120,000 ms. */
  writeTimeoutMs?: number;
  /** `JOBGRAPH_ELOG_JID_URL_PREFIXES`: allowed starts of run-status URLs. */
  jidUrlPrefixes?: readonly string[];
  /** `JOBGRAPH_ELOG_MAX_ATTACHMENT_BYTES`: refused unsent above this. Default 6,291,456. */
  maxAttachmentBytes?: number;
  /** `JID_UPDATE_COUNTERS`, `RUN_NUM`, … of the gateway's environment. */
  arpEnvironment?: ArpJobEnvironment;
  /** Jobspec user-attribute keys of `Job.elogRun`. Default `experiment` / `run`. */
  jobLinkKeys?: ElogJobLinkKeys;
  /** How long a read reuses an active-experiment lookup (ms). Default 30,000. */
  activeCacheMs?: number;
  transport?: ElogTransportOptions;
  /** Clock in epoch ms (tests). */
  now?: () => number;
}

/** Default of `JOBGRAPH_ELOG_JID_URL_PREFIXES`. */
export const DEFAULT_JID_URL_PREFIXES = ['https://psdm.slac.stanford.edu/arps3dfjid/jid/ws/'];

const enc = encodeURIComponent;
const expRoute = (experiment: string, tail: string): string => `/lgbk/${enc(experiment)}/ws/${tail}`;

/** The explgbk client (contract shared/contracts/elog.md). */
/**
 * Stations asked anonymously when telling whether an experiment is active (LCLS instruments have one
 * or two; explgbk's own station count, `num_stations`, is behind authentication).
 */
export const ANONYMOUS_STATIONS = 2;

export class ElogClient implements ElogDatasource {
  private readonly base: string;
  private readonly app: string;
  private readonly auth: ElogAuth;
  private readonly transport: ElogTransport;
  private readonly now: () => number;
  private readonly activeByHutch: TtlCache<string, string | null>;
  private readonly activeList: TtlCache<string, Set<string>>;

  constructor(private readonly options: ElogClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.app = options.app ?? 'lgbk';
    this.auth = new ElogAuth(options.auth);
    this.transport = new ElogTransport({
      ...options.transport,
      read: { ...options.transport?.read, timeoutMs: options.timeoutMs ?? 15_000 },
      write: { ...options.transport?.write, timeoutMs: options.writeTimeoutMs ?? 120_000 },
    });
    this.now = options.now ?? Date.now;
    this.activeByHutch = new TtlCache(options.activeCacheMs ?? 30_000, this.now);
    this.activeList = new TtlCache(options.activeCacheMs ?? 30_000, this.now);
  }

  get jobLinkKeys(): ElogJobLinkKeys {
    return this.options.jobLinkKeys ?? { experimentAttribute: 'experiment', runAttribute: 'run' };
  }

  get authMode(): ElogAuthMode {
    return this.auth.mode;
  }

  private url(prefix: string, route: string, query?: Record<string, string>): string {
    const qs = query ? `?${new URLSearchParams(query).toString()}` : '';
    return `${this.base}/${prefix}/${this.app}${route}${qs}`;
  }

  private async credentials(experiment: string, call: ElogCallOptions, write: boolean): Promise<ElogCredentials> {
    return this.auth.credentials(experiment, call, () => this.activeAtAnyStation(experiment, !write), write);
  }

  /** An authenticated GET of `/lgbk/<experiment>/ws/<tail>` (or of `path`), credentials chosen for `experiment`. */
  private async read(
    experiment: string,
    route: string,
    tail: string,
    call: ElogCallOptions,
    extra: Partial<ElogHttpRequest> & { path?: string } = {},
  ): Promise<unknown> {
    const cred = await this.credentials(experiment, call, false);
    if (cred.prefix === 'ws')
      throw new JobgraphError('UNAUTHENTICATED', `eLog auth mode none cannot read ${route}`, { backend: 'elog' });
    const headers: Record<string, string> = cred.authorization ? { authorization: cred.authorization } : {};
    const { path, ...rest } = extra;
    const body = await this.transport.send({
      method: 'GET',
      url: this.url(cred.prefix, path ?? expRoute(experiment, tail)),
      headers,
      kind: cred.forwarded ? 'read-once' : 'read',
      route,
      ...rest,
    });
    return extra.binary ? body : unwrapEnvelope(body, { route, write: false });
  }

  private async anonymous(route: string, path: string, query: Record<string, string>): Promise<unknown> {
    const body = await this.transport.send({ method: 'GET', url: this.url('ws', path, query), kind: 'read', route });
    return unwrapEnvelope(body, { route, write: false });
  }

  private activeName(hutch: string, station: number, cached: boolean): Promise<string | null> {
    return this.activeByHutch.get(
      `${hutch}/${station}`,
      () => this.activeExperiment(hutch, station).then((e) => e?.name ?? null),
      !cached,
    );
  }

  /**
   * The one rule of "active" (Experiment.isActive and the `auto` auth mode): the experiment is its
   * instrument's active experiment at ANY station. explgbk's switch_experiment gives the instrument's
   * operator account (`<hutch>opr`) write access whichever station switched, so the opr credentials
   * work for it too. Anonymous: station 0, then the next ones up to {@link ANONYMOUS_STATIONS} only
   * when the earlier did not name it (one request for a station-0 experiment, as before).
   */
  private async activeAtAnyStation(experiment: string, cached: boolean): Promise<boolean> {
    const lower = experiment.toLowerCase();
    for (let station = 0; station < ANONYMOUS_STATIONS; station++)
      if ((await this.activeName(hutchOf(experiment), station, cached))?.toLowerCase() === lower) return true;
    return false;
  }

  async activeExperiment(hutch: string, station = 0): Promise<ElogExperiment | null> {
    const route = 'activeexperiment_for_instrument_station';
    const body = await this.transport.send({
      method: 'GET',
      url: this.url('ws', `/lgbk/ws/${route}`, { instrument_name: hutch.toUpperCase(), station: String(station) }),
      kind: 'read',
      route,
      answerStatuses: [500],
    });
    if (!isStatusAnswer(body)) return toActiveExperiment(unwrapEnvelope(body, { route, write: false }));
    // None, standby or unknown instrument: explgbk's own 500 text. Anything else (a crash, an HTML
    // page) is a failure, never "none active": in auto mode that would switch the credentials.
    if (/^\s*Cannot find a valid active experiment/.test(body.text)) return null;
    throw errorForStatus(body.status, { route, write: false });
  }

  /**
   * Active at any station (the one rule, see activeAtAnyStation), from `activeexperiments` (any
   * authenticated user; cached 30 s). Mode `none`, or credentials refused, ask the anonymous
   * per-station lookup instead.
   */
  async isActive(experiment: string, call: ElogCallOptions = {}): Promise<boolean> {
    const lower = experiment.toLowerCase();
    if (this.auth.mode !== 'none') {
      try {
        const names = await this.activeList.get('all', async () =>
          activeNames(
            await this.read(experiment, 'activeexperiments', '', call, { path: '/lgbk/ws/activeexperiments' }),
          ),
        );
        return names.has(lower);
      } catch (err) {
        if (!(err instanceof JobgraphError) || (err.code !== 'UNAUTHENTICATED' && err.code !== 'FORBIDDEN')) throw err;
      }
    }
    return this.activeAtAnyStation(experiment, true);
  }

  async experiment(name: string, call: ElogCallOptions = {}): Promise<ElogExperiment | null> {
    try {
      if (this.auth.mode === 'none')
        return toInternalInfo(await this.anonymous('internalinfo', expRoute(name, 'internalinfo'), {}), name);
      return toExperiment(await this.read(name, 'info', 'info', call), name);
    } catch (err) {
      if (err instanceof JobgraphError && err.code === 'NOT_FOUND') return null;
      throw err;
    }
  }

  async runs(experiment: string, call: ElogCallOptions = {}): Promise<ElogRunInfo[]> {
    const rows =
      this.auth.mode === 'none'
        ? await this.anonymous('runs_for_calib', expRoute(experiment, 'runs_for_calib'), {})
        : await this.read(experiment, 'runs', 'runs?includeParams=false', call);
    return asList(rows, 'runs')
      .map((r) => toRun(r, experiment))
      .sort((a, b) => b.number - a.number);
  }

  async runsWithParams(
    experiment: string,
    call: ElogCallOptions = {},
  ): Promise<{ runs: ElogRunInfo[]; params: Map<number, Record<string, unknown>> }> {
    const docs = asList(await this.read(experiment, 'runs', 'runs?includeParams=true', call), 'runs');
    return {
      runs: docs.map((r) => toRun(r, experiment)).sort((a, b) => b.number - a.number),
      params: paramsOf(docs),
    };
  }

  async runParams(
    experiment: string,
    names: readonly string[] | undefined,
    runs: readonly number[],
    call: ElogCallOptions = {},
  ): Promise<Map<number, Record<string, unknown>>> {
    const out = new Map<number, Record<string, unknown>>();
    if (!names || names.length === 0 || names.some((n) => n.includes(','))) {
      const asked = [...new Set(runs)];
      const all =
        asked.length === 1
          ? paramsOf([await this.read(experiment, 'runs/<n>', `runs/${asked[0]}`, call)])
          : // One request for a page of runs, not one full EPICS document per run.
            (await this.runsWithParams(experiment, call)).params;
      for (const run of asked) {
        const params = all.get(run) ?? {};
        out.set(run, names && names.length > 0 ? pick(params, names) : params);
      }
      return out;
    }
    for (const batch of runParamBatches(names, 6000 - this.url('ws-kerb', expRoute(experiment, '')).length)) {
      const rows = toRunParams(
        await this.read(
          experiment,
          'get_run_params_for_all_runs',
          `get_run_params_for_all_runs?${new URLSearchParams({ param_names: batch.join(',') }).toString()}`,
          call,
        ),
      );
      for (const run of runs) out.set(run, { ...out.get(run), ...rows.get(run) });
    }
    return out;
  }

  async runsToTags(experiment: string, call: ElogCallOptions = {}): Promise<Map<number, string[]>> {
    const value = await this.read(experiment, 'get_runs_to_tags', 'get_runs_to_tags', call);
    const out = new Map<number, string[]>();
    for (const [run, tags] of Object.entries((value ?? {}) as Record<string, unknown>)) {
      if (Array.isArray(tags))
        out.set(
          Number(run),
          tags.filter((t): t is string => typeof t === 'string'),
        );
    }
    return out;
  }

  async runsWithTag(experiment: string, tag: string): Promise<number[]> {
    const value = await this.anonymous('get_runs_with_tag', expRoute(experiment, 'get_runs_with_tag'), { tag });
    return asList(value, 'runs with tag').filter((n): n is number => typeof n === 'number');
  }

  async workflows(experiment: string, call: ElogCallOptions = {}): Promise<ElogWorkflowDefinition[]> {
    return asList(
      await this.read(experiment, 'workflow_definitions', 'workflow_definitions', call),
      'workflow definitions',
    ).map(toWorkflow);
  }

  async entries(experiment: string, search?: ElogSearch, call: ElogCallOptions = {}): Promise<ElogEntry[]> {
    const tail = search ? `search_elog?${searchQuery(search)}` : 'elog';
    return asList(await this.read(experiment, search ? 'search_elog' : 'elog', tail, call), 'eLog entries').map((e) =>
      toEntry(e, experiment),
    );
  }

  async findEntries(experiment: string, filter: ElogEntryFilter, call: ElogCallOptions = {}): Promise<ElogEntry[]> {
    checkEntryFilter(filter);
    return selectEntries(await this.entries(experiment, selectorFor(filter), call), filter);
  }

  async entriesOfRuns(
    experiment: string,
    runs: readonly number[],
    call: ElogCallOptions = {},
  ): Promise<Map<number, ElogEntry[]>> {
    const out = new Map<number, ElogEntry[]>(runs.map((r) => [r, []]));
    if (runs.length === 0) return out;
    const search: ElogSearch =
      runs.length === 1
        ? { runNum: runs[0] as number }
        : { startRunNum: Math.min(...runs), endRunNum: Math.max(...runs) };
    for (const entry of selectEntries(await this.entries(experiment, search, call), {}))
      if (entry.run !== undefined) out.get(entry.run)?.push(entry);
    return out;
  }

  async attachment(
    experiment: string,
    entryId: string,
    attachmentId: string,
    call: ElogCallOptions = {},
    preview = false,
  ): Promise<ElogAttachmentFile> {
    const answer = (await this.read(experiment, 'attachment', attachmentTail(entryId, attachmentId, preview), call, {
      binary: true,
    })) as ElogBinaryAnswer;
    const disposition = answer.headers.get('content-disposition');
    return {
      data: answer.data,
      contentType: answer.headers.get('content-type') ?? 'application/octet-stream',
      ...(disposition ? { contentDisposition: disposition } : {}),
    };
  }

  async attachmentSize(
    experiment: string,
    entryId: string,
    attachmentId: string,
    call: ElogCallOptions = {},
  ): Promise<number | null> {
    const answer = (await this.read(experiment, 'attachment', attachmentTail(entryId, attachmentId, false), call, {
      binary: true,
      method: 'HEAD',
    })) as ElogBinaryAnswer;
    const length = answer.headers.get('content-length');
    return length !== null && /^\d+$/.test(length) ? Number(length) : null;
  }

  private async writeCredentials(
    experiment: string,
    route: string,
    call: ElogCallOptions,
    personal = false,
  ): Promise<Record<string, string>> {
    const cred = await this.auth.credentials(
      experiment,
      call,
      () => this.activeAtAnyStation(experiment, false),
      true,
      personal,
    );
    if (cred.prefix === 'ws')
      throw new JobgraphError('UNAUTHENTICATED', `eLog auth mode none cannot write (${route}); nothing was sent`, {
        backend: 'elog',
        details: { maybeStored: false },
      });
    return { prefix: cred.prefix, ...(cred.authorization ? { authorization: cred.authorization } : {}) };
  }

  async postMessage(input: ElogPostInput, call: ElogCallOptions = {}): Promise<ElogEntry> {
    validatePost(input, this.options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES);
    const { prefix, ...headers } = await this.writeCredentials(input.experiment, 'new_elog_entry', call);
    const route = 'new_elog_entry';
    const body = await this.transport.send({
      method: 'POST',
      url: this.url(prefix as string, expRoute(input.experiment, route)),
      headers,
      body: postBody(input),
      kind: 'write',
      route,
    });
    return toEntry(unwrapEnvelope(body, { route, write: true }), input.experiment);
  }

  async updateRunTable(
    experiment: string,
    run: number,
    values: Record<string, unknown>,
    call: ElogCallOptions = {},
  ): Promise<true> {
    const bad = Object.entries(values).find(([, v]) => !isScalar(v) && !(Array.isArray(v) && v.every(isScalar)));
    if (bad)
      throw new JobgraphError('BAD_USER_INPUT', `run-table value of ${bad[0]} must be a scalar or a list of scalars`, {
        backend: 'elog',
        details: { maybeStored: false },
      });
    await this.checkRunExists(experiment, run, call);
    const route = 'add_run_params';
    const { prefix, ...headers } = await this.writeCredentials(experiment, route, call);
    const url = this.url(prefix as string, `/run_control/${enc(experiment)}/ws/${route}`, { run_num: String(run) });
    const body = await this.transport.send({
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(values),
      kind: 'write',
      route,
    });
    unwrapEnvelope(body, { route, write: true });
    return true;
  }

  /**
   * NOT_FOUND, unsent, when the eLog's run list lacks `run` (explgbk crashes or accepts any number).
   * With a forwarded caller token it reads with the gateway's own credentials when configured
   * (`JOBGRAPH_ELOG_KERBEROS_COMMAND`), so the token is spent on the write alone.
   */
  private async checkRunExists(experiment: string, run: number, call: ElogCallOptions): Promise<void> {
    // A caller's forwarded Negotiate token is kept for the write itself where it can be (a proxy's replay
    // cache accepts it once): the check reads with the gateway's own credentials when it has them.
    const runs = call.negotiate
      ? await this.runs(experiment, {}).catch((error: unknown) => {
          if (error instanceof JobgraphError && error.code === 'UNAUTHENTICATED') return this.runs(experiment, call);
          throw error;
        })
      : await this.runs(experiment, call);
    if (!runs.some((r) => r.number === run)) {
      throw new JobgraphError('NOT_FOUND', `run ${run} of ${experiment} does not exist in the eLog; nothing was sent`, {
        backend: 'elog',
        details: { maybeStored: false },
      });
    }
  }

  /** A JSON write to `/lgbk/<experiment>/ws/<tail>`, sent once; the unwrapped `value`. */
  private async writeJson(
    experiment: string,
    route: string,
    tail: string,
    body: unknown,
    call: ElogCallOptions,
    method: 'POST' | 'DELETE' = 'POST',
    check?: () => Promise<void>,
  ): Promise<unknown> {
    const { prefix, ...headers } = await this.writeCredentials(experiment, route, call, true);
    // Checks that read the eLog run after the credentials were found acceptable: a refused caller sends nothing.
    await check?.();
    if (route === 'create_update_workflow_def' && prefix === 'ws-auth')
      // explgbk's own rule (run_as_user = the writer; root and 6-letter `…opr` ids refused).
      throw new JobgraphError(
        'FORBIDDEN',
        `Cannot create a workflow definition for the user ${hutchOf(experiment)}opr for security reasons (explgbk refuses the shared operator account, which eLog auth mode basic writes as); nothing was sent`,
        { backend: 'elog', details: { maybeStored: false } },
      );
    const answer = await this.transport.send({
      method,
      url: this.url(prefix as string, expRoute(experiment, tail)),
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      kind: 'write',
      route,
    });
    return unwrapEnvelope(answer, { route, write: true });
  }

  async saveWorkflow(input: ElogWorkflowInput, call: ElogCallOptions = {}): Promise<ElogWorkflowDefinition> {
    const body = workflowDefinitionBody(input);
    const route = 'create_update_workflow_def';
    try {
      return toWorkflow(await this.writeJson(input.experiment, route, route, body, call));
    } catch (err) {
      throw await this.withLocations(err, input.experiment, call);
    }
  }

  /** explgbk's "Invalid location X …" says which are valid: asked of dm_locations (best effort). */
  private async withLocations(err: unknown, experiment: string, call: ElogCallOptions): Promise<unknown> {
    if (!(err instanceof JobgraphError) || err.code !== 'BAD_USER_INPUT' || !/^Invalid location /.test(err.message))
      return err;
    const locations = await this.workflowLocations(experiment, call).catch(() => undefined);
    if (!locations) return err;
    return new JobgraphError(
      'BAD_USER_INPUT',
      `${err.message}; this experiment's workflow locations: ${locations.join(', ') || 'none'}`,
      {
        backend: 'elog',
        details: { maybeStored: false, route: 'create_update_workflow_def', locations: locations.join(', ') },
      },
    );
  }

  async workflowLocations(experiment: string, call: ElogCallOptions = {}): Promise<string[]> {
    return asList(await this.read(experiment, 'dm_locations', 'dm_locations', call), 'DM locations')
      .filter((l): l is { name: string; jid_prefix: unknown } => {
        const o = l as { name?: unknown; jid_prefix?: unknown } | null;
        return typeof o?.name === 'string' && Boolean(o.jid_prefix);
      })
      .map((l) => l.name);
  }

  async deleteWorkflow(experiment: string, id: string, call: ElogCallOptions = {}): Promise<true> {
    checkObjectId(id, 'workflow definition id');
    await this.writeJson(
      experiment,
      'workflow_definitions/<id>',
      `workflow_definitions/${enc(id)}`,
      undefined,
      call,
      'DELETE',
    );
    return true;
  }

  async triggerWorkflow(
    experiment: string,
    name: string,
    run: number,
    call: ElogCallOptions = {},
  ): Promise<ElogWorkflowJob> {
    if (name.trim() === '')
      throw new JobgraphError('BAD_USER_INPUT', 'workflow name must not be blank', {
        backend: 'elog',
        details: { maybeStored: false },
      });
    if (!Number.isInteger(run) || run < 0)
      throw new JobgraphError('BAD_USER_INPUT', `run must be a non-negative integer, got ${run}`, {
        backend: 'elog',
        details: { maybeStored: false },
      });
    const route = 'create_workflow_job';
    return toWorkflowJob(
      await this.writeJson(experiment, route, route, { job_name: name, run_num: run }, call, 'POST', () =>
        this.checkRunExists(experiment, run, call),
      ),
      experiment,
    );
  }

  async workflowJobs(experiment: string, call: ElogCallOptions = {}): Promise<ElogWorkflowJob[]> {
    return asList(await this.read(experiment, 'workflow_jobs', 'workflow_jobs', call), 'workflow jobs').map((j) =>
      toWorkflowJob(j, experiment),
    );
  }

  /** The checked counters URL and the gateway's ARP token (§3.10). */
  private async countersAccess(
    updateUrl: string | undefined,
    what: string,
  ): Promise<{ target: CountersTarget; env: ArpJobEnvironment; token: string }> {
    const env = this.options.arpEnvironment ?? {};
    const target = countersTarget(updateUrl, env, this.options.jidUrlPrefixes ?? DEFAULT_JID_URL_PREFIXES);
    const token = await this.auth.bearerToken();
    if (!token)
      throw new JobgraphError(
        'UNAUTHENTICATED',
        `${what} needs an ARP bearer token (JOBGRAPH_ELOG_BEARER_TOKEN_FILE or Authorization=Bearer … in the environment)`,
        { backend: 'elog' },
      );
    // A URL given by the caller names its own job: the gateway's ARP_ROOT_JOB_ID / JOB_ID / RUN_NUM are for its own.
    return { target, env: updateUrl === undefined ? env : { ...(env.user ? { user: env.user } : {}) }, token };
  }

  private async readCounters(target: CountersTarget, env: ArpJobEnvironment, token: string): Promise<RunCounter[]> {
    return toCounters(
      unwrapEnvelope(await this.transport.send(getCountersRequest(target, env, token)), {
        route: 'get_counters',
        write: false,
      }),
    );
  }

  async runStatus(updateUrl?: string): Promise<RunCounter[]> {
    const { target, env, token } = await this.countersAccess(updateUrl, 'runStatus');
    return this.readCounters(target, env, token);
  }

  async postRunStatus(values: Record<string, unknown>, updateUrl?: string): Promise<true> {
    const updates = counterValues(values);
    const { target, env, token } = await this.countersAccess(updateUrl, 'postRunStatus');
    const next = overlayCounters(await this.readCounters(target, env, token), updates);
    await this.transport.send({
      method: 'POST',
      url: target.updateUrl,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(next),
      kind: 'write',
      route: 'replace_counters',
      anySuccess: true,
    });
    return true;
  }

  async ping(): Promise<void> {
    try {
      await this.transport.send({
        method: 'GET',
        url: this.url('ws', '/lgbk/ws/activeexperiment_for_instrument_station', {
          instrument_name: 'MFX',
          station: '0',
        }),
        kind: 'read',
        route: 'ping',
      });
    } catch (err) {
      if (err instanceof JobgraphError && (err.code === 'UPSTREAM_UNAVAILABLE' || err.code === 'UPSTREAM_TIMEOUT'))
        throw err;
    }
  }

  requestCounts(): Readonly<Record<string, number>> {
    return this.transport.requestCounts();
  }

  async close(): Promise<void> {
    this.activeByHutch.clear();
    this.activeList.clear();
  }
}

/** Run number → parameters of full run documents (`runs?includeParams=true`, `runs/<n>`). */
function paramsOf(docs: readonly unknown[]): Map<number, Record<string, unknown>> {
  return toRunParams(
    docs.map((d) => ({ num: (d as { num?: unknown }).num, params: (d as { params?: unknown }).params })),
  );
}

function attachmentTail(entryId: string, attachmentId: string, preview: boolean): string {
  const query = new URLSearchParams({ entry_id: entryId, attachment_id: attachmentId });
  if (preview) query.set('prefer_preview', 'true');
  return `attachment?${query.toString()}`;
}

function isScalar(v: unknown): boolean {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function pick(params: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((n) => n in params).map((n) => [n, params[n]]));
}
