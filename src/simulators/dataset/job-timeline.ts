import type { FluxJobEvent } from '../../datasources/flux/flux-job';
import { PARTITIONS } from './catalog';
import { formatJobId } from '../../datasources/flux/job-id';
import type { JobPlan } from './job-plan.types';
import type { SeededRandom } from './random';
import { type Allocation, buildR, resourceSummary } from './resource-set';

/** A job's whole planned life; events after `now` are cut by the caller. */
export interface JobTimeline {
  events: FluxJobEvent[];
  allocation?: Allocation;
  R?: Record<string, unknown>;
  /** R's expiration, epoch seconds; 0 = none. */
  expiration?: number;
  /** Epoch seconds of `clean` and whether the job succeeded, when it ever becomes inactive. */
  end?: { tInactive: number; success: boolean };
}

const FAR_FUTURE = 1e7;

/** Builds the RFC 21 event sequence of contract §6 for a plan, from submit to clean. */
export function buildTimeline(plan: JobPlan, epoch: number, rng: SeededRandom, parentId?: bigint): JobTimeline {
  const events: FluxJobEvent[] = [];
  let t = epoch + plan.submitUs / 1e6;
  const at = (dt: number, name: string, context?: Record<string, unknown>): number => {
    t += dt;
    events.push(context ? { timestamp: t, name, context } : { timestamp: t, name });
    return t;
  };
  const tl: JobTimeline = { events };
  const finishInactive = (success: boolean): JobTimeline => {
    at(jitter(rng, 0.0013), 'release', { ranks: 'all', final: true });
    at(jitter(rng, 0.00003), 'free');
    tl.end = { tInactive: at(jitter(rng, 0.00001), 'clean'), success };
    return tl;
  };
  const cleanOnly = (success: boolean): JobTimeline => {
    tl.end = { tInactive: at(jitter(rng, 0.0001), 'clean'), success };
    return tl;
  };

  at(0, 'submit', { userid: plan.userId, urgency: plan.urgency, flags: 0, version: 1 });
  at(jitter(rng, 0.011), 'validate');
  if (plan.dependency && parentId !== undefined) {
    const description = `${plan.dependency.scheme}=${formatJobId(parentId)}`;
    at(jitter(rng, 0.0004), 'dependency-add', { description });
    const parent = plan.dependency.parent.timelineEnd;
    if (!parent) return tl;
    t = Math.max(t, parent.tInactive);
    if (!parent.success) {
      at(jitter(rng, 0.002), 'exception', {
        type: 'dependency',
        severity: 0,
        note: `dependency ${description} can never be satisfied`,
        userid: plan.userId,
      });
      return cleanOnly(false);
    }
    at(jitter(rng, 0.002), 'dependency-remove', { description });
  }
  if (plan.outcome === 'stuck-priority') {
    at(jitter(rng, 0.011), 'depend');
    return tl;
  }
  at(jitter(rng, 0.011), 'depend');
  const priority = priorityOfUrgency(plan.urgency);
  at(jitter(rng, 0.00005), 'priority', { priority });
  if (plan.outcome === 'held' || plan.outcome === 'sched-wait') return tl;
  if (plan.outcome === 'cancel-pending') {
    at(plan.queueWait, 'exception', { type: 'cancel', severity: 0, note: plan.cancelNote ?? '', userid: plan.userId });
    return cleanOnly(false);
  }
  if (plan.outcome === 'unsatisfiable') {
    at(jitter(rng, 0.002), 'exception', {
      type: 'alloc',
      severity: 0,
      note: 'alloc denied due to type="unsatisfiable"',
    });
    return cleanOnly(false);
  }
  const allocation = allocate(plan, rng);
  tl.allocation = allocation;
  const tAlloc = t + plan.queueWait;
  const starttime = tAlloc - jitter(rng, 0.0015);
  const expiration = plan.duration > 0 ? starttime + plan.duration : 0;
  tl.R = buildR(allocation, starttime, expiration, plan.ntasks);
  tl.expiration = expiration;
  at(plan.queueWait, 'alloc', { annotations: { sched: { resource_summary: resourceSummary(allocation) } } });
  if (plan.outcome === 'exec-error') {
    at(jitter(rng, 0.02), 'exception', {
      type: 'exec',
      severity: 0,
      note: `task 0 (host ${PARTITIONS[0]?.hostPrefix ?? 'node'}): start failed: ${plan.command[0] ?? ''}: No such file or directory`,
    });
    return finishInactive(false);
  }
  at(jitter(rng, 0.004), 'start');
  const runtime = plan.duration > 0 ? Math.min(plan.runtime, plan.duration * 0.98) : plan.runtime;
  switch (plan.outcome) {
    case 'run-long':
      at(FAR_FUTURE, 'finish', { status: 0 });
      return tl;
    case 'timeout':
      at(plan.duration, 'exception', { type: 'timeout', severity: 0, note: 'resource allocation expired' });
      at(jitter(rng, 0.002), 'finish', { status: 36352 });
      return finishInactive(false);
    case 'cancel-running':
      at(runtime, 'exception', { type: 'cancel', severity: 0, note: plan.cancelNote ?? '', userid: plan.userId });
      at(jitter(rng, 0.03), 'finish', { status: 36608 });
      return finishInactive(false);
    case 'fail-exit':
      at(runtime, 'finish', { status: plan.code << 8 });
      return finishInactive(false);
    case 'fail-signal':
      at(runtime, 'finish', { status: plan.code });
      return finishInactive(false);
    case 'epilog-stuck':
      at(runtime, 'finish', { status: 0 });
      at(jitter(rng, 0.001), 'epilog-start', { description: 'job-manager.epilog' });
      at(FAR_FUTURE, 'epilog-finish', { description: 'job-manager.epilog', status: 0 });
      return tl;
    default:
      at(runtime, 'finish', { status: 0 });
      return finishInactive(true);
  }
}

function allocate(plan: JobPlan, rng: SeededRandom): Allocation {
  const partition = PARTITIONS.find((p) => p.queue === plan.queue) ?? (PARTITIONS[0] as (typeof PARTITIONS)[number]);
  const cores = plan.ntasks * plan.coresPerTask;
  const nodes = plan.nnodes > 0 ? plan.nnodes : Math.max(1, Math.ceil(cores / partition.coresPerNode));
  const first = rng.int(0, partition.nodes - nodes);
  return {
    partition,
    nodeIndexes: Array.from({ length: nodes }, (_, i) => first + i),
    coresPerNode: plan.nnodes > 0 ? partition.coresPerNode : Math.min(cores, partition.coresPerNode),
    gpusPerNode: partition.gpusPerNode > 0 && plan.nnodes > 0 ? partition.gpusPerNode : 0,
  };
}

/** A positive delay around `mean` (±40 %). */
function jitter(rng: SeededRandom, mean: number): number {
  return mean * (0.6 + rng.next() * 0.8);
}

/** The priority Flux's builtin plugin gives an urgency: 0 held, the maximum when expedited (31), else the urgency. */
export function priorityOfUrgency(urgency: number): number {
  return urgency === 0 ? 0 : urgency === 31 ? 4294967295 : urgency;
}
