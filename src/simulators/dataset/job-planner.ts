import type { AppProfile } from './catalog';
import { ARP_UID, GENERAL_APPS, HUTCHES, LCLS_APPS, SCIENTISTS } from './catalog';
import type { DatasetExperiment, DatasetUser } from './dataset.types';
import { experimentAt, lastEndedRun } from './experiments';
import type { JobOutcome, JobPlan } from './job-plan.types';
import type { SeededRandom } from './random';

/** Inputs of `planJobs`: the period, the instance epoch and the people and experiments. */
export interface PlanContext {
  rng: SeededRandom;
  /** Epoch seconds. */
  start: number;
  now: number;
  instanceEpoch: number;
  users: readonly DatasetUser[];
  experiments: readonly DatasetExperiment[];
}

const LCLS_WEIGHTS: readonly (readonly [AppProfile, number])[] = LCLS_APPS.map(
  (a, i) => [a, [5, 3, 1, 2, 2][i] ?? 1] as const,
);
const GENERAL_WEIGHTS: readonly (readonly [AppProfile, number])[] = GENERAL_APPS.map(
  (a, i) => [a, [3, 2, 2, 2, 2, 4][i] ?? 1] as const,
);
const CANCEL_NOTES = ['', '', 'superseded by rerun', 'wrong geometry file'] as const;

/** Plans `count` jobs over [start, now], sorted by submit time; pipelines add dependent jobs. */
export function planJobs(ctx: PlanContext, count: number): JobPlan[] {
  const { rng, start, now } = ctx;
  const plans: JobPlan[] = [];
  while (plans.length < count) {
    const t = start + rng.next() * (now - start);
    const hour = (t % 86400) / 3600;
    if (rng.next() > 0.35 + 0.65 * Math.sin((Math.PI * hour) / 24)) continue;
    const plan = planOne(ctx, t);
    plans.push(plan);
    if (plan.app.name === 'smd_producer' && plans.length < count && rng.chance(0.3)) {
      const child = planOne(ctx, t + 1 + rng.next() * 4, LCLS_APPS[1]);
      Object.assign(child, {
        experiment: plan.experiment,
        run: plan.run,
        userId: plan.userId,
        userName: plan.userName,
        cwd: plan.cwd,
        userAttrs: plan.userAttrs,
      });
      child.dependency = { parent: plan, scheme: 'afterok' };
      plans.push(child);
    }
  }
  plans.sort((a, b) => a.submitUs - b.submitUs);
  forceOutcomes(ctx, plans);
  return plans;
}

function planOne(ctx: PlanContext, t: number, forcedApp?: AppProfile): JobPlan {
  const { rng } = ctx;
  const kind = forcedApp ? 0 : rng.next();
  let app: AppProfile;
  let userId: number;
  let bank: string | undefined;
  let project: string | undefined;
  let experiment: string | undefined;
  let run: number | undefined;
  let cwd: string;
  let userAttrs = false;
  const hutch = rng.pick(HUTCHES);
  const exp = kind < 0.6 ? experimentAt(ctx.experiments, hutch.hutch, t) : undefined;
  const lastRun = exp ? lastEndedRun(exp, t) : undefined;
  if (exp && lastRun) {
    experiment = exp.name;
    run = Math.max(1, lastRun.number - (rng.chance(0.8) ? 0 : rng.int(0, 5)));
    cwd = `/sdf/data/lcls/ds/${exp.hutch}/${exp.name}/scratch`;
    bank = 'lcls';
    if (kind < 0.42) {
      app = forcedApp ?? rng.weighted(LCLS_WEIGHTS);
      userId = rng.chance(0.6) ? ARP_UID : hutch.operatorUid;
    } else {
      const sci = rng.pick(SCIENTISTS.filter((s) => s.bank === 'lcls'));
      app = rng.weighted(LCLS_WEIGHTS);
      userId = sci.uid;
      project = sci.project;
      userAttrs = rng.chance(0.8);
    }
  } else {
    const sci = rng.pick(SCIENTISTS);
    app = forcedApp ?? rng.weighted(GENERAL_WEIGHTS);
    userId = sci.uid;
    bank = rng.chance(0.9) ? sci.bank : undefined;
    project = sci.project;
    cwd = `/sdf/scratch/users/${nameOf(ctx, userId).charAt(0)}/${nameOf(ctx, userId)}/${app.name}`;
  }
  const duration = rng.pick(app.limits);
  const ntasks = rng.pick(app.ntasks);
  const nnodes = rng.pick(app.nodes);
  let runtime = app.runtime[0] === app.runtime[1] ? app.runtime[0] : rng.logUniform(app.runtime[0], app.runtime[1]);
  const big = nnodes >= 4 || ntasks >= 256;
  const plan: JobPlan = {
    userId,
    userName: nameOf(ctx, userId),
    urgency: rng.chance(0.005) ? 31 : rng.chance(0.02) ? rng.int(8, 24) : 16,
    app,
    command: app.command(experiment !== undefined ? `${experiment}:${run}` : 'input.yaml'),
    cwd,
    queue: rng.chance(0.92) ? rng.pick(app.queues) : undefined,
    bank,
    project,
    ntasks,
    coresPerTask: rng.pick(app.coresPerTask),
    nnodes,
    duration,
    experiment,
    run,
    userAttrs,
    submitUs: Math.round((t - ctx.instanceEpoch) * 1e6),
    outcome: 'complete',
    queueWait: rng.exponential(big ? 1800 : 40) + 0.002,
    runtime,
    code: 0,
  };
  const r = rng.next();
  if (duration > 0 && (runtime >= duration || r < 0.03)) {
    plan.outcome = 'timeout';
    runtime = duration;
  } else if (r < 0.03 + app.failRate * 0.7) {
    plan.outcome = 'fail-exit';
    plan.code = rng.pick([1, 1, 1, 2, 3, 127]);
  } else if (r < 0.03 + app.failRate) {
    plan.outcome = 'fail-signal';
    plan.code = rng.pick([9, 139, 134]);
  } else if (r < 0.06 + app.failRate) {
    plan.outcome = 'cancel-running';
    plan.cancelNote = rng.pick(CANCEL_NOTES);
    runtime *= rng.next();
  } else if (r < 0.07 + app.failRate) {
    plan.outcome = 'cancel-pending';
    plan.urgency = rng.chance(0.5) ? 0 : plan.urgency;
  } else if (r < 0.075 + app.failRate) {
    plan.outcome = 'exec-error';
  } else if (r < 0.078 + app.failRate) {
    plan.outcome = 'unsatisfiable';
  }
  plan.runtime = runtime;
  return plan;
}

function nameOf(ctx: PlanContext, uid: number): string {
  return ctx.users.find((u) => u.uid === uid)?.name ?? `user${uid}`;
}

const RECENT: readonly JobOutcome[] = [
  'run-long',
  'sched-wait',
  'held',
  'stuck-priority',
  'epilog-stuck',
  'run-long',
  'cancel-pending',
  'sched-wait',
];
const EARLY: readonly JobOutcome[] = ['timeout', 'cancel-running', 'fail-exit', 'cancel-pending', 'unsatisfiable'];

/** Makes sure every state and result shows at `now`, whatever the count. */
function forceOutcomes(ctx: PlanContext, plans: JobPlan[]): void {
  if (plans.length < 16) return;
  EARLY.forEach((outcome, i) => {
    const p = plans[i + 1] as JobPlan;
    p.outcome = outcome;
    p.dependency = undefined;
    if (outcome === 'timeout' && p.duration === 0) p.duration = 3600;
    if (outcome === 'fail-exit') p.code = 3;
  });
  const tail = plans.slice(plans.length - RECENT.length - 1);
  const window = (ctx.now - ctx.instanceEpoch) * 1e6;
  tail.forEach((p, i) => {
    const outcome = RECENT[i];
    if (!outcome) return;
    p.outcome = outcome;
    p.dependency = undefined;
    const left = (window - p.submitUs) / 1e6;
    p.queueWait = Math.min(p.queueWait, left / 4);
    p.runtime = Math.min(p.runtime, left / 4);
    // Still running at `now`: its time limit must not have passed, or Flux would have timed it out.
    if (outcome === 'run-long' && p.duration > 0 && p.duration <= left)
      p.duration = Math.ceil(left / 3600) * 3600 + 3600;
    if (outcome === 'held' || outcome === 'cancel-pending') p.urgency = 0;
    if (outcome === 'sched-wait' && p.urgency === 0) p.urgency = 16;
  });
  const parent = tail[0] as JobPlan;
  const last = tail[tail.length - 1] as JobPlan;
  last.outcome = 'complete';
  last.dependency = { parent, scheme: 'after-success' };
}
