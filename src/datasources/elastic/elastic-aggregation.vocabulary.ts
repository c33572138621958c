import { FLUX_STATUS_VALUES } from '../aggregation/aggregation-vocabulary';
import type { SourceVocabulary } from '../aggregation/aggregation-vocabulary';

/** The aggregation vocabulary in the history index's names (elastic-aggregation.fields.ts). */
export const ELASTIC_VOCABULARY: SourceVocabulary = {
  source: 'ELASTICSEARCH',
  fields: {
    STATE: { field: 'state' },
    RESULT: { field: 'result' },
    STATUS: { field: 'status', values: FLUX_STATUS_VALUES },
    USER: { field: 'userName' },
    QUEUE: { field: 'queue' },
    BANK: { field: 'bank' },
    PROJECT: { field: 'project' },
    CLUSTER: { field: 'cluster' },
    NAME: { field: 'name' },
    EXPERIMENT: { field: 'experiment' },
    RUN: { field: 'run' },
    HOST: { field: 'nodes' },
    SUBMITTED_AT: { field: 'submittedAt' },
    STARTED_AT: { field: 'startedAt' },
    INACTIVE_AT: { field: 'inactiveAt' },
    RUNTIME: { field: 'runtimeSeconds' },
    QUEUED: { field: 'queuedSeconds' },
    TIME_LIMIT: { field: 'timeLimitSeconds' },
    NODES: { field: 'nnodes' },
    CORES: { field: 'ncores' },
    TASKS: { field: 'ntasks' },
  },
};
