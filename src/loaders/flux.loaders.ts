import DataLoader from 'dataloader';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { FluxJob, FluxJobInfo, FluxJobInfoKey } from '../datasources/flux/flux-job';

/** One `job-info.lookup` key of one job. */
export interface JobInfoRequest {
  id: bigint;
  key: FluxJobInfoKey;
}

/** Per-request Flux loaders. */
export interface FluxLoaders {
  /** job-list.list-id by id; null for an id the broker does not know. */
  job: DataLoader<bigint, FluxJob | null, string>;
  /**
   * job-info.lookup: every key asked of one job in the same tick is merged into ONE RPC, and
   * all jobs' RPCs go out together (one round-trip wave). Resolves to that job's merged info
   * (null when the job is unknown); read the key you asked for from it.
   */
  jobInfo: DataLoader<JobInfoRequest, FluxJobInfo | null, string>;
}

function groupKeysByJob(requests: readonly JobInfoRequest[]): Map<bigint, FluxJobInfoKey[]> {
  const byJob = new Map<bigint, FluxJobInfoKey[]>();
  for (const { id, key } of requests) {
    const keys = byJob.get(id);
    if (!keys) byJob.set(id, [key]);
    else if (!keys.includes(key)) keys.push(key);
  }
  return byJob;
}

/** Runs a call, turning a rejection (or a synchronous throw) into the Error DataLoader expects per key. */
async function settle<T>(call: () => Promise<T>): Promise<T | Error> {
  try {
    return await call();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Builds the Flux loaders for one request over the process-wide datasource. */
export function createFluxLoaders(flux: FluxDatasource): FluxLoaders {
  const job = new DataLoader<bigint, FluxJob | null, string>(
    (ids) => Promise.all(ids.map((id) => settle(() => flux.getJob(id)))),
    { cacheKeyFn: (id) => id.toString() },
  );
  const jobInfo = new DataLoader<JobInfoRequest, FluxJobInfo | null, string>(
    async (requests) => {
      const byJob = groupKeysByJob(requests);
      const settled = new Map<bigint, FluxJobInfo | null | Error>();
      await Promise.all(
        [...byJob].map(async ([id, keys]) => settled.set(id, await settle(() => flux.lookup(id, keys)))),
      );
      return requests.map(({ id }) => settled.get(id) ?? null);
    },
    { cacheKeyFn: ({ id, key }) => `${id}:${key}` },
  );
  return { job, jobInfo };
}
