/**
 * The slice of `src/simulators/dataset.ts` the eLog simulator reads: structurally the
 * `DatasetExperiment` of WORKFLOW.md, so a whole `Dataset` can be passed as is.
 */
export interface ElogSimExperiment {
  name: string;
  instrument: string;
  /** Lower case, e.g. `mfx`. */
  hutch: string;
  station: number;
  isActive: boolean;
  /** Epoch seconds. */
  startTime: number;
  endTime?: number;
  runs: {
    number: number;
    /** Epoch seconds. */
    beginTime: number;
    endTime?: number;
    tags: string[];
    params: Record<string, number | string>;
  }[];
  workflows: { id: string; name: string; executable: string; trigger: string; location: string; parameters: string }[];
}

/** What the simulator needs of a dataset. */
export interface ElogSimDataset {
  /** Epoch seconds. */
  now: number;
  experiments: ElogSimExperiment[];
}

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
