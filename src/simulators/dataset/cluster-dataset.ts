import type { Dataset, DatasetJob } from './dataset.types';

/** How one simulated cluster differs from the generated facility: whose jobs it runs and its queue names. */
export interface ClusterProfile {
  /** Only jobs of these submitters (uids) run here; default everyone's. */
  users?: readonly number[];
  /** Queue renames (generated name → this cluster's), e.g. `{ milan: 'psanaq' }`; others keep their name. */
  queues?: Readonly<Record<string, string>>;
}

function renamed(job: DatasetJob, queues: Readonly<Record<string, string>>): DatasetJob {
  const queue = job.job.queue === undefined ? undefined : queues[job.job.queue];
  if (queue === undefined) return job;
  const attributes = job.jobspec.attributes as { system?: Record<string, unknown> } | undefined;
  return {
    ...job,
    job: { ...job.job, queue },
    jobspec: { ...job.jobspec, attributes: { ...attributes, system: { ...attributes?.system, queue } } },
  };
}

/**
 * `dataset` as one cluster of several (the demo's, docs/clusters.md): only the jobs of
 * `profile.users` (the user table keeps those and the owner), queues renamed. Job ids and times
 * are kept, so two clusters made from datasets of different seeds differ in load as well.
 */
export function clusterDataset(dataset: Dataset, profile: ClusterProfile): Dataset {
  const users = profile.users ? new Set(profile.users) : undefined;
  const jobs = dataset.jobs
    .filter((job) => !users || users.has(job.job.userId))
    .map((job) => (profile.queues ? renamed(job, profile.queues) : job));
  return {
    ...dataset,
    jobs,
    users: users ? dataset.users.filter((user) => users.has(user.uid) || user.uid === dataset.ownerUid) : dataset.users,
  };
}
