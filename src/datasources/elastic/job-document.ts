/** One event of a forwarded eventlog; `timestamp` in epoch ms. */
export interface JobDocumentEvent {
  timestamp: number;
  name: string;
  context?: Record<string, unknown>;
}

/**
 * A job as stored in the history index (mapping in job-history.mapping.ts). Ids are decimal
 * or RFC 19 strings (never JSON numbers: they exceed 2^53); times are integer epoch ms;
 * durations are seconds. Absent Flux fields are absent here.
 */
export interface JobDocument {
  /** Decimal job id; the document `_id` is `<cluster>:<id>` (jobDocumentId), the id alone before clusters existed. */
  id: string;
  /** The Flux cluster the job ran on (docs/clusters.md); absent on documents forwarded before clusters existed. */
  cluster?: string;
  ids: { dec: string; f58: string; f58plain: string; hex: string; dothex: string; kvs: string; words: string };
  userId: number;
  userName?: string;
  urgency: number;
  priority?: number;
  state: string;
  result?: string;
  status: string;
  success?: boolean;
  name?: string;
  cwd?: string;
  queue?: string;
  bank?: string;
  project?: string;
  experiment?: string;
  run?: number;
  submittedAt: number;
  dependAt?: number;
  priorityAt?: number;
  schedAt?: number;
  startedAt?: number;
  cleanupAt?: number;
  inactiveAt?: number;
  expiresAt?: number;
  forwardedAt: number;
  timeLimitSeconds?: number;
  queuedSeconds?: number;
  runtimeSeconds?: number;
  coreSeconds?: number;
  ntasks?: number;
  ncores?: number;
  nnodes?: number;
  ranks?: string;
  nodelist?: string;
  nodes?: string[];
  waitStatus?: number;
  exitCode?: number;
  exception?: { occurred: boolean; severity?: number; type?: string; note?: string };
  annotations?: Record<string, unknown>;
  dependencies?: string[];
  userAttributes?: Record<string, unknown>;
  /** Only the allow-listed variables (JOBGRAPH_ELASTICSEARCH_FORWARD_ENVIRONMENT). */
  environment?: Record<string, string>;
  jobspec?: Record<string, unknown>;
  eventlog?: JobDocumentEvent[];
  eventNames?: string[];
  eventlogTruncated?: boolean;
  /** The Flux URI the job was forwarded from. */
  source?: { instance: string };
}
