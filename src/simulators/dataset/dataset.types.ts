import type { FluxJob, FluxJobEvent } from '../../datasources/flux/flux-job';

/** A user of the simulated facility: the demo's own uid→name table. */
export interface DatasetUser {
  uid: number;
  name: string;
}

/** One job: what job-list reports at `Dataset.now`, plus what job-info holds for it. */
export interface DatasetJob {
  /** As job-list reports it at `Dataset.now`. */
  job: FluxJob;
  /** The stored jobspec (RFC 25 V1), without `attributes.system.environment`. */
  jobspec: Record<string, unknown>;
  /** The submit-time environment; only the signed original jobspec `J` carries it. */
  environment: Record<string, string>;
  /** RFC 21 events up to `Dataset.now`, consistent with `job.state`. */
  eventlog: FluxJobEvent[];
  /** The resource set (RFC 20), once the job was allocated. */
  R?: Record<string, unknown>;
  /** LCLS experiment and run the job processed, when it belongs to one. */
  experiment?: string;
  run?: number;
}

/** One eLog run of an experiment. */
export interface DatasetRun {
  number: number;
  /** Epoch seconds. */
  beginTime: number;
  /** Epoch seconds; absent while the run is open. */
  endTime?: number;
  tags: string[];
  params: Record<string, number | string>;
}

/** An ARP workflow definition of an experiment. */
export interface DatasetWorkflow {
  id: string;
  name: string;
  executable: string;
  /** `START_OF_RUN`, `END_OF_RUN`, `FIRST_FILE_TRANSFERRED`, `ALL_FILES_TRANSFERRED`, `MANUAL`. */
  trigger: string;
  /** Where it runs, e.g. `S3DF`. */
  location: string;
  parameters: string;
}

/** An LCLS experiment as the eLog describes it. */
export interface DatasetExperiment {
  name: string;
  /** Upper-case instrument, e.g. `MFX`. */
  instrument: string;
  /** Lower-case hutch, e.g. `mfx`. */
  hutch: string;
  station: number;
  isActive: boolean;
  /** Epoch seconds. */
  startTime: number;
  endTime?: number;
  runs: DatasetRun[];
  workflows: DatasetWorkflow[];
}

/** Everything the simulators serve, generated from one seed. */
export interface Dataset {
  /** The instant the dataset describes, epoch seconds. */
  now: number;
  /** The Flux instance owner's uid. */
  ownerUid: number;
  users: DatasetUser[];
  /** Ordered by submit time (ascending id). */
  jobs: DatasetJob[];
  experiments: DatasetExperiment[];
}

/** Options of `generateDataset`. */
export interface DatasetOptions {
  /** PRNG seed; default 1. The same seed and `now` give the same dataset. */
  seed?: number;
  /** Number of jobs; default 5,000. */
  jobCount?: number;
  /** End of the generated period, epoch seconds; default the current time. */
  now?: number;
  /** The instance owner's uid; default 990 (named `flux`). */
  ownerUid?: number;
  /** Length of the generated period in days; default 28. */
  days?: number;
}
