import { SHELL_OPTIONS } from './catalog';
import { formatJobId } from '../../datasources/flux/job-id';
import type { JobPlan } from './job-plan.types';
import type { JobStatic } from './job-replay';
import { type Allocation, allocationHostlist, allocationRanks, idset } from './resource-set';

/**
 * The stored jobspec (RFC 25 V1, fixture 09 shape) of a plan, keys in the order `flux submit`
 * writes them, without `attributes.system.environment` (job-ingest drops it).
 */
export function buildJobspec(plan: JobPlan, parentId?: bigint): Record<string, unknown> {
  const slot = {
    type: 'slot',
    count: plan.nnodes > 0 ? Math.max(1, Math.floor(plan.ntasks / plan.nnodes)) : plan.ntasks,
    with: [{ type: 'core', count: plan.coresPerTask }],
    label: 'task',
  };
  const resources = plan.nnodes > 0 ? [{ type: 'node', count: plan.nnodes, with: [slot] }] : [slot];
  const system: Record<string, unknown> = { duration: plan.duration, cwd: plan.cwd };
  if (plan.app.jobName) system.job = { name: plan.app.name };
  system.shell = { options: SHELL_OPTIONS };
  if (plan.queue !== undefined) system.queue = plan.queue;
  if (plan.bank !== undefined) system.bank = plan.bank;
  if (plan.project !== undefined) system.project = plan.project;
  if (plan.dependency && parentId !== undefined)
    system.dependencies = [{ scheme: plan.dependency.scheme, value: formatJobId(parentId) }];
  const attributes: Record<string, unknown> = { system };
  if (plan.userAttrs && plan.experiment !== undefined) attributes.user = { experiment: plan.experiment, run: plan.run };
  return {
    resources,
    tasks: [{ command: plan.command, slot: 'task', count: { per_slot: 1 } }],
    attributes,
    version: 1,
  };
}

/** The submitter's environment as `flux submit` captured it; LCLS jobs carry EXPERIMENT/RUN_NUM. */
export function buildEnvironment(plan: JobPlan): Record<string, string> {
  const env: Record<string, string> = {
    HOME: `/sdf/home/${plan.userName.charAt(0)}/${plan.userName}`,
    PATH: '/sdf/group/lcls/ds/ana/sw/conda2/inst/envs/ps-4.6.3/bin:/usr/local/bin:/usr/bin:/bin',
    USER: plan.userName,
    LANG: 'C.UTF-8',
  };
  if (plan.experiment !== undefined) {
    env.EXPERIMENT = plan.experiment;
    env.RUN_NUM = String(plan.run);
  }
  return env;
}

/** What job-list takes from the jobspec and R. */
export function buildJobStatic(
  plan: JobPlan,
  id: bigint,
  allocation: Allocation | undefined,
  expiration: number,
): JobStatic {
  const info: JobStatic = {
    id,
    name: plan.app.jobName ? plan.app.name : basename(plan.command[0] ?? plan.app.name),
    cwd: plan.cwd,
    ntasks: plan.ntasks,
    ncores:
      plan.nnodes > 0 ? plan.nnodes * (allocation?.partition.coresPerNode ?? 128) : plan.ntasks * plan.coresPerTask,
    duration: plan.duration,
  };
  if (plan.queue !== undefined) info.queue = plan.queue;
  if (plan.project !== undefined) info.project = plan.project;
  if (plan.bank !== undefined) info.bank = plan.bank;
  if (plan.nnodes > 0) info.nnodesRequested = plan.nnodes;
  if (allocation) {
    info.alloc = {
      nnodes: allocation.nodeIndexes.length,
      ranks: idset(allocationRanks(allocation)),
      nodelist: allocationHostlist(allocation),
      expiration,
    };
  }
  return info;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
