import { FLUX_STATUS_VALUES } from '../aggregation/aggregation-vocabulary';
import type { SourceVocabulary } from '../aggregation/aggregation-vocabulary';

/** The aggregation vocabulary in the FLUX source's raw names (flux-aggregation.fields.ts). */
export const FLUX_VOCABULARY: SourceVocabulary = {
  source: 'FLUX',
  fields: {
    STATE: { field: 'state' },
    RESULT: { field: 'result' },
    STATUS: { field: 'status', values: FLUX_STATUS_VALUES },
    USER: { field: 'username' },
    QUEUE: { field: 'queue' },
    BANK: { field: 'bank' },
    PROJECT: { field: 'project' },
    NAME: { field: 'name' },
    CLUSTER: { field: 'cluster' },
    HOST: { field: 'host' },
    SUBMITTED_AT: { field: 't_submit' },
    STARTED_AT: { field: 't_run' },
    INACTIVE_AT: { field: 't_inactive' },
    RUNTIME: { field: 'runtime' },
    QUEUED: { field: 'queued' },
    TIME_LIMIT: { field: 'duration' },
    NODES: { field: 'nnodes' },
    CORES: { field: 'ncores' },
    TASKS: { field: 'ntasks' },
  },
  missing: {
    EXPERIMENT: 'job-list does not hold it; use ELASTICSEARCH',
    RUN: 'job-list does not hold it; use ELASTICSEARCH',
  },
};
