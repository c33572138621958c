import { datasetUsers } from './dataset/catalog';
import type { Dataset, DatasetJob, DatasetOptions } from './dataset/dataset.types';
import { generateExperiments } from './dataset/experiments';
import { FluidGenerator } from './dataset/fluid';
import { planJobs } from './dataset/job-planner';
import type { JobPlan } from './dataset/job-plan.types';
import { replayJob } from './dataset/job-replay';
import { buildEnvironment, buildJobspec, buildJobStatic } from './dataset/job-spec';
import { buildTimeline } from './dataset/job-timeline';
import { SeededRandom } from './dataset/random';

export type {
  Dataset,
  DatasetExperiment,
  DatasetJob,
  DatasetOptions,
  DatasetRun,
  DatasetUser,
  DatasetWorkflow,
} from './dataset/dataset.types';

const DAY = 86400;
/** The instance was started this long before the generated period: ids are then above 2^53. */
const INSTANCE_AGE_BEFORE_PERIOD = 30 * DAY;

/**
 * Generates the demo/test dataset: `jobCount` jobs (default 5,000) over `days` (default 28)
 * ending at `now`, submitted by the users of `datasetUsers`, in banks, queues and projects,
 * many of them processing LCLS experiment runs (experiment and run in `attributes.user` for
 * some, only in the environment `EXPERIMENT`/`RUN_NUM` for others), in every state and with
 * every result. Ids are RFC 19 FLUIDs of an instance started 30 days before the period, so
 * they lie in [2^53, 2^63). Deterministic for a given `seed` and `now`; 100,000 jobs take
 * about a second.
 */
export function generateDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? 1;
  const jobCount = options.jobCount ?? 5000;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const ownerUid = options.ownerUid ?? 990;
  const days = options.days ?? 28;
  const rng = new SeededRandom(seed);
  const start = now - days * DAY;
  const instanceEpoch = start - INSTANCE_AGE_BEFORE_PERIOD;
  const users = datasetUsers(ownerUid);
  const experiments = generateExperiments(rng, start, now);
  const plans = planJobs({ rng, start, now, instanceEpoch, users, experiments }, jobCount);
  const fluids = new FluidGenerator();
  const ids = new Map<JobPlan, bigint>();
  const jobs: DatasetJob[] = plans.map((plan) => {
    const id = fluids.next(plan.submitUs / 1000);
    ids.set(plan, id);
    return buildJob(plan, id, plan.dependency ? ids.get(plan.dependency.parent) : undefined, instanceEpoch, now, rng);
  });
  return { now, ownerUid, users, jobs, experiments };
}

function buildJob(
  plan: JobPlan,
  id: bigint,
  parentId: bigint | undefined,
  epoch: number,
  now: number,
  rng: SeededRandom,
): DatasetJob {
  const timeline = buildTimeline(plan, epoch, rng, parentId);
  plan.timelineEnd = timeline.end;
  const events = timeline.events.filter((e) => e.timestamp <= now);
  const allocated = events.some((e) => e.name === 'alloc');
  const info = buildJobStatic(plan, id, allocated ? timeline.allocation : undefined, timeline.expiration ?? 0);
  const job: DatasetJob = {
    job: replayJob(info, events),
    jobspec: buildJobspec(plan, parentId),
    environment: buildEnvironment(plan),
    eventlog: events,
  };
  if (allocated && timeline.R) job.R = timeline.R;
  if (plan.experiment !== undefined) {
    job.experiment = plan.experiment;
    job.run = plan.run;
  }
  return job;
}
