import type { SourceVocabulary } from '../aggregation/aggregation-vocabulary';

const RESULTS = { COMPLETED: ['COMPLETED'], FAILED: ['FAILED'], CANCELED: ['CANCELLED'], TIMEOUT: ['TIMEOUT'] };

/**
 * The aggregation vocabulary in the jobs/aggs API's names (contract §5). Its `job.state` is
 * PENDING, RUNNING or the result (CANCELLED with two L): RESULT and STATUS both read it.
 */
export const JOBS_AGGS_VOCABULARY: SourceVocabulary = {
  source: 'JOBS_API',
  fields: {
    RESULT: { field: 'job.state', values: RESULTS },
    STATUS: { field: 'job.state', values: { PENDING: ['PENDING'], RUNNING: ['RUNNING'], ...RESULTS } },
    USER: { field: 'job.user' },
    QUEUE: { field: 'job.queue' },
    BANK: { field: 'job.bank' },
    SUBMITTED_AT: { field: '@timestamp' },
    NODES: { field: 'job.nnodes' },
  },
  missing: { STATE: 'its job.state folds Flux states into PENDING and RUNNING: use STATUS' },
};
