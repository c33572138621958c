import type { RunCounter } from './elog-run-status';

/** JSON-safe value of a run parameter: numbers, strings, booleans, `"nan"`/`"inf"`/`"-inf"` for non-finite floats, arrays. */
export type ElogParamValue = unknown;

/** Experiment info (`/ws/info`, the active-experiment lookup, or `internalinfo` in mode `none`). */
export interface ElogExperiment {
  /** Experiment name, e.g. `mfxl1038923`. */
  name: string;
  /** Upper case, e.g. `MFX`. */
  instrument?: string;
  description?: string;
  startTime?: Date;
  endTime?: Date;
  leaderAccount?: string;
  contactInfo?: string;
  posixGroup?: string;
  /** Free-form experiment params (`PNR`, `DATA_PATH`, …). */
  params: Record<string, ElogParamValue>;
  isLocked?: boolean;
  /** Station, when the value came from the active-experiment lookup. */
  station?: number;
}

/** One run as `/ws/runs` (or `runs_for_calib`) lists it. */
export interface ElogRunInfo {
  experiment: string;
  /** Run number (`num`). */
  number: number;
  /** `DATA` by default; `EPICS`, … free text. */
  type?: string;
  beginTime?: Date;
  /** `null` while the run is open. */
  endTime: Date | null;
  /** `{name: {value, modified_by, modified_time}}`, names unescaped. */
  editableParams: Record<string, ElogParamValue>;
}

/** A workflow definition (§4.6). */
export interface ElogWorkflowDefinition {
  id: string;
  name: string;
  executable: string;
  parameters: string;
  trigger: string;
  location: string;
  runAsUser?: string;
  runParamName?: string;
  /** `run_param_value`, else LUTE's `run_param_val`. */
  runParamValue?: string;
}

/** What `saveWorkflow` sends (`create_update_workflow_def`, §3.6): a new definition, or with `id` a replacement. */
export interface ElogWorkflowInput {
  experiment: string;
  /** Update this definition (24-hex eLog id); the whole document is replaced. Absent: create. */
  id?: string;
  name: string;
  executable: string;
  /** Command-line parameters, one string. */
  parameters: string;
  /** An eLog trigger name (`END_OF_RUN`, …). */
  trigger: string;
  /** A DM location of the experiment with a JID (`S3DF`, `NERSC`, …). */
  location: string;
  /** With `RUN_PARAM_IS_VALUE` only. */
  runParamName?: string;
  runParamValue?: string;
}

/** A workflow job (explgbk `workflow_jobs`): a definition run for a run. */
export interface ElogWorkflowJob {
  id: string;
  experiment: string;
  run: number;
  /** The definition, as embedded in the job (null when the eLog sent none). */
  definition: ElogWorkflowDefinition | null;
  /** Who triggered it (the eLog's authenticated user). */
  user?: string;
  /** ARP status: `START` when created, then the ARP's (`SUBMITTED`, `RUNNING`, `DONE`, …). */
  status?: string;
  submittedAt?: Date;
  /** The batch system's job id (SLURM), as the ARP stores it. */
  toolId?: string;
  logFilePath?: string;
  /** The job page counters the ARP keeps on the job. */
  counters: RunCounter[];
}

/** One stored attachment of a logbook entry (§4.5), with the entry it belongs to. */
export interface ElogAttachment {
  /** Experiment and entry holding it: the attachment route needs both. */
  experiment: string;
  entryId: string;
  id: string;
  name: string;
  /** MIME type, `""` when stored without one. */
  type: string;
  /** Opaque store reference. */
  url: string;
  previewUrl?: string;
}

/** One logbook entry (§4.4). */
export interface ElogEntry {
  id: string;
  experiment: string;
  insertedAt: Date;
  relevanceTime?: Date;
  author: string;
  text: string;
  contentType?: string;
  title?: string;
  /** `[]` if absent. */
  tags: string[];
  run?: number;
  attachments: ElogAttachment[];
  /** `parent` / `root` of a follow-up (explgbk threads; search answers add them to hits). */
  parentId?: string;
  rootId?: string;
  /** Logically deleted, or an old version kept when the entry was edited (`deleted_by` set). */
  deleted?: boolean;
}

/** The bytes of an attachment as the eLog serves them. */
export interface ElogAttachmentFile {
  data: Uint8Array;
  /** The stored MIME type (`application/json; charset=utf-8` when stored empty or as HTML: explgbk relabels). */
  contentType: string;
  /** explgbk's `Content-Disposition` (sent for non-images), if any. */
  contentDisposition?: string;
}

/**
 * What `Experiment.entries` / `ElogRun.entries` select. The gateway sends at most one of them to
 * `search_elog` (the server applies only its first selector) and applies all of them itself.
 */
export interface ElogEntryFilter {
  run?: number;
  /** A tag, in any case (explgbk's `t:` search and `get_runs_with_tag` match exactly; the gateway does not). */
  tag?: string;
  /** Exact author id. */
  author?: string;
  /** The eLog's own text search (author, tag, or whole stemmed words of content and title). */
  text?: string;
  /** Entries at or after this time (`relevance_time`, the post time). */
  since?: Date;
}

/** A file to attach to a post. */
export interface ElogAttachmentInput {
  /** A basename: no `/`, `"`, CR or LF. */
  name: string;
  /** MIME type; by extension, else `application/octet-stream`, when absent. */
  type?: string;
  data: Uint8Array;
}

/** What `postMessage` sends (§3.7). */
export interface ElogPostInput {
  experiment: string;
  text: string;
  title?: string;
  /** Joined with one space; each without whitespace. */
  tags?: string[];
  run?: number;
  attachments?: ElogAttachmentInput[];
}

/** Selectors of `search_elog` (§3.9); the first present wins on the server. */
export interface ElogSearch {
  runNum?: number;
  startRunNum?: number;
  endRunNum?: number;
  id?: string;
  startDate?: Date;
  endDate?: Date;
  searchText?: string;
}

/** Per-call context: who asked, and with which Kerberos token (header `X-Jobgraph-Elog-Negotiate`). */
export interface ElogCallOptions {
  /** A `Negotiate` token (base64, with or without the `Negotiate ` prefix) forwarded from the caller. */
  negotiate?: string;
  /**
   * Writes go out only with the caller's own credentials where the mode has them (Kerberos: the
   * `negotiate` token), never with the gateway's ticket (`JOBGRAPH_ELOG_KERBEROS_COMMAND`). Set for
   * every caller but operators; reads are unaffected.
   */
  writeWithCallerCredentials?: boolean;
}
