/** Field types of the jobs/aggs API's documents (contract §5). */
export type JobsAggsFieldType = 'date' | 'keyword' | 'long';

/**
 * The client's default allow-list (contract §5): every field the API documents or the project
 * defined, with its type. A deployment may narrow it with the config key `jobsApi.fields`.
 */
export const JOBS_AGGS_FIELD_TYPES: Readonly<Record<string, JobsAggsFieldType>> = {
  '@timestamp': 'date',
  'job.state': 'keyword',
  'job.id': 'keyword',
  'job.user': 'keyword',
  'job.queue': 'keyword',
  'job.bank': 'keyword',
  application: 'keyword',
  app_type: 'keyword',
  domain: 'keyword',
  region: 'keyword',
  'job.nnodes': 'long',
};

/** The field types each documented aggregation kind accepts. */
export const FIELD_TYPES_BY_KIND = {
  TERMS: ['keyword', 'long'],
  DATE_HISTOGRAM: ['date'],
  FILTER: ['keyword', 'long'],
} as const satisfies Record<string, readonly JobsAggsFieldType[]>;

/** The aggregation kinds the jobs/aggs API documents (contract §4), in the order error messages list them. */
export type JobsAggsKind = keyof typeof FIELD_TYPES_BY_KIND;
