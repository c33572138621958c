import type { Dataset, DatasetExperiment } from '../dataset';

/** An experiment as the shared dataset describes it (`src/simulators/dataset.ts`). */
export type ElogSimExperiment = DatasetExperiment;

/** What the simulator needs of a dataset: a whole `Dataset` fits. */
export type ElogSimDataset = Pick<Dataset, 'now' | 'experiments'>;

/** One request the simulator saw (for tests counting calls). */
export interface ElogSimRequestRecord {
  method: string;
  /** Path without the query. */
  path: string;
  query: string;
  /** Route label, e.g. `runs`, `new_elog_entry`, `get_counters`, or `unknown`. */
  route: string;
  prefix: string;
  experiment?: string;
  /** Authenticated identity, if any. */
  user?: string;
  status: number;
}
