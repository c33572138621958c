import type { ElogAuthMode } from './elog-auth';
import type { ElogJobLinkKeys } from './elog-job-link';
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
import type { RunCounter } from './elog-run-status';

/**
 * What jobgraph needs from the LCLS eLog (explgbk) and the ARP job service. One process-wide
 * instance; every call has a deadline; reads retry transient failures, writes never do.
 * Failures are JobgraphErrors with `backend: 'elog'` (codes per contract §2.4); writes add
 * `extensions.maybeStored` and `extensions.sentAt`.
 */
export interface ElogDatasource {
  /** The configured auth mode. */
  readonly authMode: ElogAuthMode;
  /** Jobspec `attributes.user` keys naming a job's experiment and run. */
  readonly jobLinkKeys: ElogJobLinkKeys;
  /** Active experiment of a hutch (`mfx`, any case) and station; null when none or standby. */
  activeExperiment(hutch: string, station?: number, call?: ElogCallOptions): Promise<ElogExperiment | null>;
  /** Whether `experiment` is its instrument's active experiment at any station: the one rule, shared with the `auto` auth mode (cached 30 s). */
  isActive(experiment: string, call?: ElogCallOptions): Promise<boolean>;
  /** Experiment info; null when the experiment does not exist. */
  experiment(name: string, call?: ElogCallOptions): Promise<ElogExperiment | null>;
  /** Every run, highest number first. NOT_FOUND for an unknown experiment. */
  runs(experiment: string, call?: ElogCallOptions): Promise<ElogRunInfo[]>;
  /**
   * Every run (highest first) and every parameter of each, from ONE `runs?includeParams=true`
   * (whole run documents): a page of runs and their `params` in one request. Not in mode `none`.
   */
  runsWithParams(
    experiment: string,
    call?: ElogCallOptions,
  ): Promise<{ runs: ElogRunInfo[]; params: Map<number, Record<string, unknown>> }>;
  /**
   * Run parameters of `runs`, names unescaped. With `names`, one request for every run
   * (split only past a 6,000-byte URL); without names, or with a `,` in one, `runs/<n>` for a
   * single run, else ONE `runs?includeParams=true` for all of them.
   */
  runParams(
    experiment: string,
    names: readonly string[] | undefined,
    runs: readonly number[],
    call?: ElogCallOptions,
  ): Promise<Map<number, Record<string, unknown>>>;
  /** Tags of every run that has any, in one request. */
  runsToTags(experiment: string, call?: ElogCallOptions): Promise<Map<number, string[]>>;
  /** Run numbers carrying `tag` (exact, case-sensitive), ascending. */
  runsWithTag(experiment: string, tag: string): Promise<number[]>;
  /** Workflow definitions, by name. */
  workflows(experiment: string, call?: ElogCallOptions): Promise<ElogWorkflowDefinition[]>;
  /** Logbook entries: all (`elog`) or selected (`search_elog`), by insert time. */
  entries(experiment: string, search?: ElogSearch, call?: ElogCallOptions): Promise<ElogEntry[]>;
  /**
   * Live entries `filter` selects, newest first: one `elog` or `search_elog` request with at most
   * one selector (explgbk applies only its first), every filter applied here; deleted entries
   * and old versions of edited ones dropped. BAD_USER_INPUT for a `text` explgbk would misread.
   */
  findEntries(experiment: string, filter: ElogEntryFilter, call?: ElogCallOptions): Promise<ElogEntry[]>;
  /** Live entries linked to each of `runs`, newest first, from ONE `search_elog` run-range request. */
  entriesOfRuns(experiment: string, runs: readonly number[], call?: ElogCallOptions): Promise<Map<number, ElogEntry[]>>;
  /** One attachment as stored (`preview`: its PNG preview, explgbk's icon when it has none). */
  attachment(
    experiment: string,
    entryId: string,
    attachmentId: string,
    call?: ElogCallOptions,
    preview?: boolean,
  ): Promise<ElogAttachmentFile>;
  /** Size in bytes of an attachment, from a HEAD request's Content-Length; null when not sent. */
  attachmentSize(
    experiment: string,
    entryId: string,
    attachmentId: string,
    call?: ElogCallOptions,
  ): Promise<number | null>;
  /** Posts a logbook entry; sent once, never retried. */
  postMessage(input: ElogPostInput, call?: ElogCallOptions): Promise<ElogEntry>;
  /** Merges values into a run's parameters (`add_run_params`); NOT_FOUND, unsent, for an unknown run. */
  updateRunTable(
    experiment: string,
    run: number,
    values: Record<string, unknown>,
    call?: ElogCallOptions,
  ): Promise<true>;
  /**
   * Creates a workflow definition, or replaces the one `input.id` names (`create_update_workflow_def`);
   * sent once. Goes out as a person (never the shared opr account); explgbk's refusals mapped
   * (BAD_USER_INPUT, FORBIDDEN, NOT_FOUND).
   */
  saveWorkflow(input: ElogWorkflowInput, call?: ElogCallOptions): Promise<ElogWorkflowDefinition>;
  /**
   * Where the experiment's workflows may run: its DM locations with a job service (`dm_locations`
   * entries with a `jid_prefix`), the eLog's rule for a definition's `location`.
   */
  workflowLocations(experiment: string, call?: ElogCallOptions): Promise<string[]>;
  /** Deletes a workflow definition (`DELETE workflow_definitions/<id>`); refused by the eLog while jobs use it. */
  deleteWorkflow(experiment: string, id: string, call?: ElogCallOptions): Promise<true>;
  /** Starts the definition named `name` for `run` (`create_workflow_job`); NOT_FOUND, unsent, for an unknown run. */
  triggerWorkflow(experiment: string, name: string, run: number, call?: ElogCallOptions): Promise<ElogWorkflowJob>;
  /** Every workflow job of an experiment (`workflow_jobs`), highest run first. */
  workflowJobs(experiment: string, call?: ElogCallOptions): Promise<ElogWorkflowJob[]>;
  /** The ARP job page's counters (JID `get_counters`, §3.10 step 1) of the job `updateUrl` names. */
  runStatus(updateUrl?: string, call?: ElogCallOptions): Promise<RunCounter[]>;
  /** Replaces the ARP job page's counters with the current ones overlaid by `values` (§3.10). */
  postRunStatus(values: Record<string, unknown>, updateUrl?: string, call?: ElogCallOptions): Promise<true>;
  /** Reachability for /readyz: any HTTP answer from the active-experiment route. */
  ping(): Promise<void>;
  /** Requests sent since start, by route label. */
  requestCounts(): Readonly<Record<string, number>>;
  close(): Promise<void>;
}
