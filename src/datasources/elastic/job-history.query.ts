import type { estypes } from '@elastic/elasticsearch';
import { BadUserInputError } from '../../errors';
import { formatJobId } from '../flux/job-id';

/** A time window in epoch ms: `from` inclusive, `to` exclusive. */
export interface MsWindow {
  from?: number;
  to?: number;
}

/** What jobHistory can filter on: the `jobs` filters plus experiment, run and full text on the name. Lists are OR, fields AND. */
export interface JobHistoryFilter {
  ids?: bigint[];
  states?: string[];
  results?: string[];
  /** Jobs of any of these uids or user names. */
  users?: { ids: number[]; names: string[] };
  names?: string[];
  queues?: string[];
  /**
   * Jobs of these clusters (`cluster`); `orMissing` adds the documents forwarded before clusters
   * existed (no `cluster`: the default cluster's, docs/clusters.md). No names and no `orMissing`: nothing.
   */
  clusters?: { names: string[]; orMissing: boolean };
  banks?: string[];
  projects?: string[];
  experiments?: string[];
  runs?: number[];
  /** Full-text match on the name (all words must match). */
  nameText?: string;
  submitted?: MsWindow;
  started?: MsWindow;
  inactive?: MsWindow;
}

/** Sortable history fields; `id` sorts by the numeric id. */
export const JOB_HISTORY_SORT_FIELDS = [
  'id',
  'submittedAt',
  'startedAt',
  'inactiveAt',
  'runtimeSeconds',
  'queuedSeconds',
  'ncores',
  'nnodes',
  'userName',
  'name',
  'queue',
  'bank',
  'state',
  'result',
  'experiment',
  'run',
] as const;

/** One of {@link JOB_HISTORY_SORT_FIELDS}. */
export type JobHistorySortField = (typeof JOB_HISTORY_SORT_FIELDS)[number];

/** One sort key; the id in the same direction is always appended as the tiebreak. */
export interface JobHistorySort {
  field: JobHistorySortField;
  order: 'asc' | 'desc';
}

/** Default: newest submission first. */
export const DEFAULT_JOB_HISTORY_SORT: JobHistorySort[] = [{ field: 'submittedAt', order: 'desc' }];

/** Latest date Elasticsearch prints (9999-12-31T23:59:59.999Z); a `missing` date/long sort value that round-trips through JSON. */
const MISSING_LAST = 253_402_300_799_999;
const DATE_OR_LONG = new Set<JobHistorySortField>([
  'submittedAt',
  'startedAt',
  'inactiveAt',
  'ncores',
  'nnodes',
  'run',
]);

function terms(field: string, values: readonly (string | number)[] | undefined): estypes.QueryDslQueryContainer[] {
  return values && values.length > 0 ? [{ terms: { [field]: [...values] } }] : [];
}

function users(filter: JobHistoryFilter['users']): estypes.QueryDslQueryContainer[] {
  if (!filter || filter.ids.length + filter.names.length === 0) return [];
  return [
    { bool: { should: [...terms('userId', filter.ids), ...terms('userName', filter.names)], minimum_should_match: 1 } },
  ];
}

function clusters(filter: JobHistoryFilter['clusters']): estypes.QueryDslQueryContainer[] {
  if (!filter) return [];
  const missing: estypes.QueryDslQueryContainer[] = filter.orMissing
    ? [{ bool: { must_not: [{ exists: { field: 'cluster' } }] } }]
    : [];
  const should = [...terms('cluster', filter.names), ...missing];
  return should.length === 0 ? [{ match_none: {} }] : [{ bool: { should, minimum_should_match: 1 } }];
}

function range(field: string, window: MsWindow | undefined): estypes.QueryDslQueryContainer[] {
  if (!window || (window.from === undefined && window.to === undefined)) return [];
  if (window.from !== undefined && window.to !== undefined && window.from > window.to) {
    throw new BadUserInputError(`${field}: the window starts after it ends`, { from: window.from, to: window.to });
  }
  return [
    {
      range: {
        [field]: {
          ...(window.from !== undefined ? { gte: window.from } : {}),
          ...(window.to !== undefined ? { lt: window.to } : {}),
          format: 'epoch_millis',
        },
      },
    },
  ];
}

/** The `query` of a history search: filters in `bool.filter` (cached, unscored), name text in `must`. */
export function jobHistoryQuery(filter: JobHistoryFilter = {}): estypes.QueryDslQueryContainer {
  const clauses = [
    ...terms(
      'ids.dothex',
      filter.ids?.map((id) => formatJobId(id, 'dothex')),
    ),
    ...terms('state', filter.states),
    ...terms('result', filter.results),
    ...users(filter.users),
    ...terms('name', filter.names),
    ...terms('queue', filter.queues),
    ...clusters(filter.clusters),
    ...terms('bank', filter.banks),
    ...terms('project', filter.projects),
    ...terms('experiment', filter.experiments),
    ...terms('run', filter.runs),
    ...range('submittedAt', filter.submitted),
    ...range('startedAt', filter.started),
    ...range('inactiveAt', filter.inactive),
  ];
  const must: estypes.QueryDslQueryContainer[] = filter.nameText?.trim()
    ? [{ match: { 'name.text': { query: filter.nameText, operator: 'and' } } }]
    : [];
  return clauses.length === 0 && must.length === 0 ? { match_all: {} } : { bool: { filter: clauses, must } };
}

/**
 * The `sort` of a history search: the asked keys in order, the id (`ids.dothex`: fixed-width
 * hex, so string order = numeric order) standing for `id` and appended as the tiebreak.
 */
export function jobHistorySort(sort: readonly JobHistorySort[] = DEFAULT_JOB_HISTORY_SORT): estypes.SortCombinations[] {
  const keys = sort.length > 0 ? sort : DEFAULT_JOB_HISTORY_SORT;
  const clauses: estypes.SortCombinations[] = [];
  for (const key of keys) {
    if (key.field === 'id') return [...clauses, { 'ids.dothex': { order: key.order } }];
    const missing = DATE_OR_LONG.has(key.field) ? { missing: key.order === 'asc' ? MISSING_LAST : 0 } : {};
    clauses.push({ [key.field]: { order: key.order, ...missing } });
  }
  return [...clauses, { 'ids.dothex': { order: keys[keys.length - 1]?.order ?? 'desc' } }];
}
