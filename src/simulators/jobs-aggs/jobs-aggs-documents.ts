import type { FluxJob } from '../../datasources/flux/flux-job';
import { formatJobId } from '../../datasources/flux/job-id';
import { JOBS_AGGS_FIELD_TYPES } from '../../datasources/jobs-aggs/jobs-aggs-fields';

/** One telemetry document as the simulated jobs/aggs API stores it (contract §5). Absent fields are unmapped for that document. */
export type JobsAggsDocument = Readonly<Record<string, string | number | undefined>>;

/** The part of the demo dataset (`src/simulators/dataset.ts`) the simulator reads. */
export interface JobsAggsSourceDataset {
  /** Epoch seconds. */
  now: number;
  users: ReadonlyArray<{ uid: number; name: string }>;
  jobs: ReadonlyArray<{ job: FluxJob }>;
}

/**
 * The simulated store's mapping (contract §5): field → ES type. The contract makes one table both
 * the simulator's mapping and the client's default allow-list, so the simulator reads the same
 * dependency-free constant rather than a copy that could drift.
 */
export const SIMULATOR_MAPPING = JOBS_AGGS_FIELD_TYPES;

/** Values spread over the documents by job id, so every filter has something to select. */
export const SIMULATED_APPLICATIONS = [
  'atr',
  'atr',
  'atr',
  'atr',
  'atr',
  'atr',
  'atr',
  'klewer',
  'eventops',
  'quasar',
] as const;
export const SIMULATED_APP_TYPES = ['ec2', 'kubernetes', 'caas'] as const;
export const SIMULATED_DOMAINS = ['s3df.slac.stanford.edu', 'sdf.slac.stanford.edu', 'lcls.slac.stanford.edu'] as const;
export const SIMULATED_REGIONS = ['us', 'us', 'us', 'eu', 'ap'] as const;

/** The vendor-side `job.state` of a Flux job (contract §5): PENDING, RUNNING, or the result of an inactive job. */
export function vendorJobState(job: FluxJob): string {
  switch (job.state) {
    case 'NEW':
    case 'DEPEND':
    case 'PRIORITY':
    case 'SCHED':
      return 'PENDING';
    case 'RUN':
    case 'CLEANUP':
      return 'RUNNING';
    case 'INACTIVE':
      return job.result === 'CANCELED' ? 'CANCELLED' : (job.result ?? 'FAILED');
    default:
      throw new Error(`unreachable job state ${String(job.state)}`);
  }
}

/**
 * The number the vendor fields are spread by: the id's timestamp (RFC 19: top 40 bits, ms since the
 * instance epoch) plus its low 24 bits (generator, sequence). Not the id itself: those low bits are
 * mostly zero, so `id mod 10` was always even and two applications (klewer, quasar) never appeared (issue 17).
 */
export function spreadKey(id: bigint): bigint {
  return (id >> 24n) + (id & 0xffffffn);
}

/** `values[⌊spreadKey(id) / stride⌋ mod n]`. */
function pick<T>(values: readonly T[], id: bigint, stride: bigint): T {
  return values[Number((spreadKey(id) / stride) % BigInt(values.length))] as T;
}

/** One document per dataset job: `@timestamp` is the submit time; the vendor-only fields are spread by spreadKey(id). */
export function documentsFromDataset(dataset: JobsAggsSourceDataset): JobsAggsDocument[] {
  const names = new Map(dataset.users.map((user) => [user.uid, user.name]));
  return dataset.jobs.map(({ job }) => ({
    '@timestamp': Math.round(job.tSubmit * 1000),
    'job.state': vendorJobState(job),
    'job.id': formatJobId(job.id, 'f58'),
    'job.user': names.get(job.userId) ?? String(job.userId),
    'job.queue': job.queue,
    'job.bank': job.bank,
    'job.nnodes': job.nnodes,
    application: pick(SIMULATED_APPLICATIONS, job.id, 1n),
    app_type: pick(SIMULATED_APP_TYPES, job.id, 10n),
    domain: pick(SIMULATED_DOMAINS, job.id, 30n),
    region: pick(SIMULATED_REGIONS, job.id, 90n),
  }));
}
