import DataLoader from 'dataloader';
import type { FluxCluster, FluxClusters } from '../datasources/flux/flux-clusters';
import { clusterError } from '../datasources/flux/flux-clusters';
import type { FluxDatasource } from '../datasources/flux/flux-datasource';
import type { FluxJob, FluxJobInfo, FluxJobInfoKey } from '../datasources/flux/flux-job';
import { formatJobId } from '../datasources/flux/job-id';
import { BadUserInputError } from '../errors';
import { batchByGroup, settle, settleEach, toError } from './batch';
import { jobgraphTracer, traced } from '../tracing/traced';
import { tracedBatch } from './traced-batch';

/** A rejection with `error` as an Error (what the loaders' batches answer for a failed call). */
const rejectAsError = (error: unknown): Promise<never> => Promise.reject(toError(error));

/** A job on one cluster; `cluster` absent = the default cluster. */
export interface ClusterJobKey {
  id: bigint;
  cluster?: string | undefined;
}

/** One `job-info.lookup` key of one job (on `cluster`, absent = the default one). */
export interface JobInfoRequest extends ClusterJobKey {
  key: FluxJobInfoKey;
}

/** Per-request Flux loaders. Keys of jobs on a named cluster include the cluster: the same id on two clusters is two jobs. */
export interface FluxLoaders {
  /**
   * job-list.list-id by bare id; null for an id no cluster knows. With several clusters every
   * cluster is asked: an id two clusters know is BAD_USER_INPUT naming them (ask `clusterJob`).
   */
  job: DataLoader<bigint, FluxJob | null, string>;
  /**
   * Every job with this id, one per cluster that knows it (stamped with its cluster when there are
   * several): [] when none does. Rejects only when no cluster knows it and one failed.
   */
  jobsWithId: DataLoader<bigint, FluxJob[], string>;
  /** job-list.list-id of an id on one cluster; null when that cluster does not know it. */
  clusterJob: DataLoader<ClusterJobKey, FluxJob | null, string>;
  /**
   * job-info.lookup: every key asked of one job in the same tick is merged into ONE RPC, and
   * all jobs' RPCs go out together (one round-trip wave). Resolves to that job's merged info
   * (null when the job is unknown); read the key you asked for from it.
   */
  jobInfo: DataLoader<JobInfoRequest, FluxJobInfo | null, string>;
  /**
   * `keys` of each job of a page of jobs, for a look-ahead: one answer per job × key, job-major, in
   * order (a failed job's lookup Error for each of its keys). A job whose keys the jobInfo loader holds
   * none of is looked up at once — ONE job-info.lookup with all `keys`, the same datasource call as the
   * loader's batch (so the same tick's fault-policy run and cluster errors) — and that answer is left in
   * the loader's cache for any later load of those keys; a job with a key already loaded (or listed
   * twice) goes through `jobInfo.load`, exactly as its fields' own loads would.
   */
  jobInfoPage(
    jobs: readonly ClusterJobKey[],
    keys: readonly FluxJobInfoKey[],
  ): Promise<Array<FluxJobInfo | null | Error>>;
}

const jobKey = ({ id, cluster }: ClusterJobKey): string => (cluster === undefined ? `${id}` : `${cluster}/${id}`);

/** `job` stamped with its cluster when several clusters are configured (one cluster: unchanged). */
function onCluster(job: FluxJob | null, cluster: FluxCluster, several: boolean): FluxJob | null {
  return job && several ? { ...job, cluster: cluster.name } : job;
}

/**
 * Builds the Flux loaders for one request over the process-wide datasources: `flux` is the
 * default cluster, `clusters` all of them (absent: `flux` alone, as in tests of one broker).
 */
export function createFluxLoaders(flux: FluxDatasource, clusters?: FluxClusters): FluxLoaders {
  const several = clusters?.several ?? false;
  // The default cluster through `flux` (the request's counting view), the others by name.
  const datasourceOf = async (cluster: string | undefined): Promise<{ flux: FluxDatasource; name?: string } | null> => {
    // One cluster: every job is the one broker's, whatever cluster a history document names.
    if (cluster === undefined || !clusters || !several) return { flux };
    const found = await clusters.find(cluster);
    if (!found) return null;
    return { flux: found.flux === clusters.primary ? flux : found.flux, name: found.name };
  };
  // A cluster this gateway does not serve (a history document's) knows no job: null.
  const onNamed = async <T>(
    cluster: string | undefined,
    call: (flux: FluxDatasource) => Promise<T>,
  ): Promise<T | null> => {
    const target = await datasourceOf(cluster);
    if (!target) return null;
    try {
      return await call(target.flux);
    } catch (error) {
      throw target.name === undefined || !several ? error : clusterError(target.name, error);
    }
  };
  // The default cluster (every job with one cluster): the call itself, without the lookup's awaits
  // (two async frames per job-info key of a page; docs/performance.md).
  const onOne = <T>(cluster: string | undefined, call: (flux: FluxDatasource) => Promise<T>): Promise<T | null> =>
    cluster === undefined || !clusters || !several ? call(flux) : onNamed(cluster, call);
  const clusterJob = new DataLoader<ClusterJobKey, FluxJob | null, string>(
    tracedBatch(
      'flux.clusterJob',
      settleEach(async (key) => {
        const job = await onOne(key.cluster, (ds) => ds.getJob(key.id));
        return job && several && key.cluster !== undefined ? { ...job, cluster: key.cluster } : job;
      }),
    ),
    { cacheKeyFn: jobKey },
  );
  const everywhere = async (id: bigint): Promise<FluxJob[]> => {
    if (!several) {
      // One cluster: the bare-id loader's answer (one list-id, shared with job fields).
      const only = await job.load(id);
      return only ? [only] : [];
    }
    const all = await (clusters as FluxClusters).list();
    const answers = await Promise.all(
      all.map((cluster) => settle(() => clusterJob.load({ id, cluster: cluster.name }))),
    );
    const found = answers.flatMap((answer, i) =>
      answer instanceof Error || !answer ? [] : [onCluster(answer, all[i] as FluxCluster, true) as FluxJob],
    );
    const failure = answers.find((answer): answer is Error => answer instanceof Error);
    if (found.length === 0 && failure) throw failure;
    return found;
  };
  const jobsWithId = new DataLoader<bigint, FluxJob[], string>(tracedBatch('flux.jobsWithId', settleEach(everywhere)), {
    cacheKeyFn: (id) => id.toString(),
  });
  const anywhere = async (id: bigint): Promise<FluxJob | null> => {
    const found = await jobsWithId.load(id);
    if (found.length > 1)
      throw new BadUserInputError(
        `job ${formatJobId(id)} exists on clusters ${found.map((job) => job.cluster).join(', ')}: pass cluster to choose one`,
        { clusters: found.map((job) => job.cluster).join(',') },
      );
    return found[0] ?? null;
  };
  const job = new DataLoader<bigint, FluxJob | null, string>(
    tracedBatch(
      'flux.job',
      settleEach((id) => (several ? anywhere(id) : flux.getJob(id))),
    ),
    { cacheKeyFn: (id) => id.toString() },
  );
  // One job's keys in ONE job-info.lookup, rejecting with an Error whatever was thrown (as the batch's settle).
  const lookupKeys = (job: ClusterJobKey, keys: FluxJobInfoKey[]): Promise<FluxJobInfo | null> => {
    try {
      return onOne(job.cluster, (ds) => ds.lookup(job.id, keys)).then(undefined, rejectAsError);
    } catch (error) {
      return rejectAsError(error);
    }
  };
  // The loader's cache, a Map of its own so that jobInfoPage sees which keys are held.
  const infoCache = new Map<string, Promise<FluxJobInfo | null>>();
  const jobInfo = new DataLoader<JobInfoRequest, FluxJobInfo | null, string>(
    // Every key asked of one job goes into ONE job-info.lookup; all jobs' lookups go out at once.
    tracedBatch(
      'flux.jobInfo',
      batchByGroup<JobInfoRequest, FluxJobInfo | null>(jobKey, (asked) => {
        const { id, cluster } = asked[0] as JobInfoRequest;
        const keys = asked.length === 1 ? [(asked[0] as JobInfoRequest).key] : [...new Set(asked.map((r) => r.key))];
        return onOne(cluster, (ds) => ds.lookup(id, keys)).then((info) => asked.map(() => info));
      }),
    ),
    { cacheKeyFn: (request) => `${jobKey(request)}:${request.key}`, cacheMap: infoCache },
  );
  const jobInfoPage = (
    jobs: readonly ClusterJobKey[],
    keys: readonly FluxJobInfoKey[],
  ): Promise<Array<FluxJobInfo | null | Error>> => {
    const answers = new Array<FluxJobInfo | null | Error>(jobs.length * keys.length);
    // One promise for the page, resolved when its last job settles (a count, not Promise.all over a promise
    // per job; no key array or callback per job: 0.86× the time and 0.64× the allocation of the forEach form).
    const run = (): Promise<Array<FluxJobInfo | null | Error>> => {
      const asked = [...keys];
      const seen = new Set<string>();
      const count = keys.length;
      const cacheKeys = new Array<string>(count);
      let resolve: (answers: Array<FluxJobInfo | null | Error>) => void = () => undefined;
      const all = new Promise<Array<FluxJobInfo | null | Error>>((done) => (resolve = done));
      let left = 1;
      const settled = (): void => {
        if (--left === 0) resolve(answers);
      };
      for (let j = 0; j < jobs.length; j++) {
        const job = jobs[j] as ClusterJobKey;
        const at = j * count;
        const group = jobKey(job);
        let held = seen.has(group);
        for (let k = 0; k < count; k++) {
          const cacheKey = `${group}:${keys[k] as FluxJobInfoKey}`;
          cacheKeys[k] = cacheKey;
          if (!held && infoCache.has(cacheKey)) held = true;
        }
        if (held) {
          for (let k = 0; k < count; k++) {
            left++;
            const key = keys[k] as FluxJobInfoKey;
            void settle(() => jobInfo.load({ id: job.id, cluster: job.cluster, key })).then((answer) => {
              answers[at + k] = answer;
              settled();
            });
          }
          continue;
        }
        seen.add(group);
        const info = lookupKeys(job, asked);
        for (let k = 0; k < count; k++) infoCache.set(cacheKeys[k] as string, info);
        left++;
        const fill = (answer: FluxJobInfo | null | Error): void => {
          for (let k = 0; k < count; k++) answers[at + k] = answer;
          settled();
        };
        void info.then(fill, fill);
      }
      settled();
      return all;
    };
    // The span of the loader's batch (traced-batch.ts), with the page's lookups under it.
    return jobgraphTracer()
      ? traced(
          'loader flux.jobInfo',
          { 'jobgraph.loader': 'flux.jobInfo', 'jobgraph.loader.keys': answers.length },
          run,
        )
      : run();
  };
  return { job, jobsWithId, clusterJob, jobInfo, jobInfoPage };
}
