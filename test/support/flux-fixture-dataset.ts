import type { FluxJob, FluxJobEvent } from '../../src/datasources/flux/flux-job';
import { formatJobId } from '../../src/datasources/flux/job-id';
import type { Dataset, DatasetExperiment, DatasetJob } from '../../src/simulators/dataset';
import { SHELL_OPTIONS } from '../../src/simulators/dataset/catalog';
import { FIXTURE_GEOMETRY_OPT, FIXTURE_JOBS, FIXTURE_NOW, FIXTURE_OWNER } from './flux-fixture-jobs';

/** Experiment and run of the LCLS fixture jobs (shared/fixtures/flux/README.md). */
const LCLS_RUNS: ReadonlyMap<bigint, { experiment: string; run: number }> = new Map([
  [306049974272n, { experiment: 'mfxl1038923', run: 41 }],
  [309388640256n, { experiment: 'mfxl1038923', run: 42 }],
  [312727306240n, { experiment: 'mfxl1038923', run: 43 }],
  [316015640576n, { experiment: 'mfxl1038923', run: 44 }],
  [320142835712n, { experiment: 'cxic00121', run: 7 }],
]);

/** The dependency each fixture job was submitted with (`summarize` afterok the `sleep` before it). */
const DEPENDENCIES: ReadonlyMap<bigint, string> = new Map([
  [361750331392n, `afterok=${formatJobId(358612992000n)}`],
  [505329745920n, `after-success=${formatJobId(502175629312n)}`],
]);

/**
 * The 14 jobs of the golden-vector instance as a dataset, owner uid 1001: seeded with it, the
 * simulator answers every fixture request with the fixture's bytes. `geometry_opt` carries its
 * recorded jobspec, eventlog, R and environment; the others get ones consistent with their
 * job-list entries.
 */
export function fixtureDataset(): Dataset {
  const jobs = FIXTURE_JOBS.map((job): DatasetJob => {
    const lcls = LCLS_RUNS.get(job.id);
    const recorded = job.id === FIXTURE_GEOMETRY_OPT.id;
    const entry: DatasetJob = {
      job,
      jobspec: recorded ? FIXTURE_GEOMETRY_OPT.jobspec : jobspecOf(job, lcls),
      environment: recorded ? FIXTURE_GEOMETRY_OPT.environment : environmentOf(lcls),
      eventlog: recorded ? FIXTURE_GEOMETRY_OPT.eventlog : eventlogOf(job),
    };
    const R = recorded ? FIXTURE_GEOMETRY_OPT.R : resourcesOf(job);
    if (R) entry.R = R;
    if (lcls) Object.assign(entry, lcls);
    return entry;
  });
  return {
    now: FIXTURE_NOW,
    ownerUid: FIXTURE_OWNER.uid,
    users: [{ ...FIXTURE_OWNER }],
    jobs,
    experiments: experiments(),
  };
}

function jobspecOf(job: FluxJob, lcls?: { experiment: string; run: number }): Record<string, unknown> {
  const ntasks = job.ntasks ?? 1;
  const system: Record<string, unknown> = { duration: job.duration ?? 0, cwd: job.cwd };
  if (job.name !== 'sleep') system.job = { name: job.name };
  system.shell = { options: SHELL_OPTIONS };
  for (const key of ['queue', 'project', 'bank'] as const) if (job[key] !== undefined) system[key] = job[key];
  const attributes: Record<string, unknown> = { system };
  if (lcls) attributes.user = lcls;
  const slot = {
    type: 'slot',
    count: ntasks,
    with: [{ type: 'core', count: Math.max(1, (job.ncores ?? ntasks) / ntasks) }],
    label: 'task',
  };
  return {
    resources:
      job.nnodes !== undefined && job.state === 'SCHED' ? [{ type: 'node', count: job.nnodes, with: [slot] }] : [slot],
    tasks: [
      { command: job.name === 'sleep' ? ['sleep', '30'] : [job.name ?? 'true'], slot: 'task', count: { per_slot: 1 } },
    ],
    attributes,
    version: 1,
  };
}

function environmentOf(lcls?: { experiment: string; run: number }): Record<string, string> {
  const env: Record<string, string> = { HOME: '/home/alice', PATH: '/usr/bin:/bin', USER: 'alice', LANG: 'C.UTF-8' };
  if (lcls) Object.assign(env, { EXPERIMENT: lcls.experiment, RUN_NUM: String(lcls.run) });
  return env;
}

function eventlogOf(job: FluxJob): FluxJobEvent[] {
  const events: FluxJobEvent[] = [];
  const add = (timestamp: number | undefined, name: string, context?: Record<string, unknown>): void => {
    if (timestamp !== undefined) events.push(context ? { timestamp, name, context } : { timestamp, name });
  };
  add(job.tSubmit, 'submit', { userid: job.userId, urgency: job.urgency, flags: 0, version: 1 });
  add(job.tDepend, 'validate');
  const dependency = DEPENDENCIES.get(job.id);
  if (dependency !== undefined && job.tDepend !== undefined) {
    add(job.tDepend + 0.0003, 'dependency-add', { description: dependency });
    if (job.tPriority !== undefined) add(job.tPriority - 0.0002, 'dependency-remove', { description: dependency });
  }
  add(job.tPriority, 'depend');
  if (job.tSched !== undefined) add(job.tSched, 'priority', { priority: job.priority ?? 0 });
  if (job.tRun !== undefined) {
    add(job.tRun, 'alloc', job.annotations ? { annotations: job.annotations } : undefined);
    add(job.tRun + 0.004, 'start');
  }
  const ex = job.exception;
  if (ex?.occurred)
    add(job.tCleanup, 'exception', { type: ex.type, severity: ex.severity, note: ex.note ?? '', userid: job.userId });
  if (job.waitStatus !== undefined && job.tCleanup !== undefined)
    add(job.tCleanup + (ex?.occurred ? 0.002 : 0), 'finish', { status: job.waitStatus });
  if (job.tInactive !== undefined) {
    if (job.tRun !== undefined) {
      add(job.tInactive - 0.0001, 'release', { ranks: 'all', final: true });
      add(job.tInactive - 0.00001, 'free');
    }
    add(job.tInactive, 'clean');
  }
  return events;
}

function resourcesOf(job: FluxJob): Record<string, unknown> | undefined {
  if (job.tRun === undefined) return undefined;
  const summary =
    (job.annotations?.sched as { resource_summary?: string } | undefined)?.resource_summary ?? 'rank0/core0';
  const core = summary.slice(summary.indexOf('/core') + 5).replace(/[[\]]/g, '');
  return {
    version: 1,
    execution: {
      R_lite: [{ rank: job.ranks ?? '0', children: { core } }],
      starttime: job.tRun - 0.0015,
      expiration: job.expiration ?? 0,
      nslots: job.ntasks ?? 1,
      nodelist: [job.nodelist ?? 'vm'],
    },
  };
}

function experiments(): DatasetExperiment[] {
  const run = (number: number, beginTime: number): DatasetExperiment['runs'][number] => ({
    number,
    beginTime,
    endTime: beginTime + 300,
    tags: ['SAMPLE'],
    params: { sample: 'lysozyme' },
  });
  return [
    {
      name: 'mfxl1038923',
      instrument: 'MFX',
      hutch: 'mfx',
      station: 0,
      isActive: true,
      startTime: FIXTURE_NOW - 86400,
      runs: [41, 42, 43, 44].map((n) => run(n, FIXTURE_NOW - 3600 * (45 - n))),
      workflows: [],
    },
    {
      name: 'cxic00121',
      instrument: 'CXI',
      hutch: 'cxi',
      station: 0,
      isActive: true,
      startTime: FIXTURE_NOW - 86400,
      runs: [run(7, FIXTURE_NOW - 7200)],
      workflows: [],
    },
  ];
}
