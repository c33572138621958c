/**
 * Index template of the job history (contract elasticsearch.md §2). Changing a mapping means a
 * new `schemaVersion` and a `_rollover` of the alias.
 *
 * Ids: `unsigned_long` is absent from the test distribution and JSON numbers above 2^53 lose
 * precision in JavaScript, so every id is a keyword string. `ids.dothex` is fixed-width hex:
 * its string order is the numeric order, which makes it the id sort key and the tiebreak.
 *
 * Eventlog: `nested`, not `flattened`. Nested keeps one event's name, time and context
 * together (an `exception` event whose context `type` is `timeout`) and keeps times as dates;
 * flattened would unlink names from times and compare times as strings. The cost measured was
 * ~2% more disk and similar indexing speed; `eventNames` keeps simple "had event X" filters cheap.
 */
const date = { type: 'date', format: 'strict_date_optional_time||epoch_millis' } as const;
const keyword = { type: 'keyword' } as const;

/** Bumped with every mapping change. */
export const JOB_HISTORY_SCHEMA_VERSION = 2;

/** Fields added since schema version 1, put on the indices of an existing alias at start-up (docs/clusters.md). */
export const JOB_HISTORY_ADDED_PROPERTIES = { cluster: keyword } as const;

/** Name of the index template for an alias (`jobgraph-flux-jobs` for the default `flux-jobs`). */
export function jobHistoryTemplateName(alias: string): string {
  return `jobgraph-${alias}`;
}

/** Properties of a job document; `dynamic: strict` rejects any other field. */
export const jobHistoryProperties = {
  id: keyword,
  ...JOB_HISTORY_ADDED_PROPERTIES,
  ids: {
    properties: {
      dec: keyword,
      f58: keyword,
      f58plain: keyword,
      hex: keyword,
      dothex: keyword,
      kvs: keyword,
      words: keyword,
    },
  },
  userId: { type: 'long' },
  userName: keyword,
  urgency: { type: 'byte' },
  priority: { type: 'long' },
  state: keyword,
  result: keyword,
  status: keyword,
  success: { type: 'boolean' },
  name: { type: 'keyword', ignore_above: 1024, fields: { text: { type: 'text' } } },
  cwd: { type: 'keyword', ignore_above: 4096 },
  queue: keyword,
  bank: keyword,
  project: keyword,
  experiment: keyword,
  run: { type: 'integer' },
  submittedAt: date,
  dependAt: date,
  priorityAt: date,
  schedAt: date,
  startedAt: date,
  cleanupAt: date,
  inactiveAt: date,
  expiresAt: date,
  forwardedAt: date,
  timeLimitSeconds: { type: 'double' },
  queuedSeconds: { type: 'double' },
  runtimeSeconds: { type: 'double' },
  coreSeconds: { type: 'double' },
  ntasks: { type: 'integer' },
  ncores: { type: 'integer' },
  nnodes: { type: 'integer' },
  ranks: keyword,
  nodelist: { type: 'keyword', ignore_above: 4096 },
  nodes: keyword,
  waitStatus: { type: 'integer' },
  exitCode: { type: 'integer' },
  exception: {
    properties: {
      occurred: { type: 'boolean' },
      severity: { type: 'byte' },
      type: keyword,
      note: { type: 'keyword', ignore_above: 1024 },
    },
  },
  annotations: { type: 'flattened' },
  dependencies: keyword,
  userAttributes: { type: 'flattened' },
  environment: { type: 'flattened' },
  jobspec: { type: 'object', enabled: false },
  eventlog: { type: 'nested', properties: { timestamp: date, name: keyword, context: { type: 'flattened' } } },
  eventNames: keyword,
  eventlogTruncated: { type: 'boolean' },
  source: { properties: { instance: keyword } },
} as const;

/** Body of `PUT _index_template/jobgraph-flux-jobs` for indices `<alias>-*`. */
export function jobHistoryTemplate(alias: string): Record<string, unknown> {
  return {
    index_patterns: [`${alias}-*`],
    priority: 200,
    _meta: { owner: 'jobgraph', schemaVersion: JOB_HISTORY_SCHEMA_VERSION },
    template: {
      settings: { number_of_shards: 1 },
      mappings: {
        dynamic: 'strict',
        _meta: { schemaVersion: JOB_HISTORY_SCHEMA_VERSION },
        properties: jobHistoryProperties,
      },
    },
  };
}

/** Mapping of the forwarder-state index: one watermark document per Flux instance (contract §2.4). */
export const forwarderStateMappings = {
  dynamic: 'strict',
  properties: {
    instance: keyword,
    fluxUri: keyword,
    lastJobId: keyword,
    forwarderVersion: keyword,
    since: { type: 'double' },
    sinceAt: date,
    updatedAt: date,
    jobsForwarded: { type: 'long' },
  },
} as const;
