import { generateDataset } from '../../../src/simulators/dataset';
import type { DatasetJob } from '../../../src/simulators/dataset';
import type { FluxJobEvent } from '../../../src/datasources/flux/flux-job';

const NOW = 1795400000;
const dataset = generateDataset({ now: NOW });

function names(events: FluxJobEvent[]): string[] {
  return events.map((e) => e.name);
}

function timeOf(events: FluxJobEvent[], name: string): number | undefined {
  return events.find((e) => e.name === name)?.timestamp;
}

describe('generateDataset', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const again = generateDataset({ now: NOW, jobCount: 300 });
    expect(generateDataset({ now: NOW, jobCount: 300 })).toEqual(again);
    const other = generateDataset({ now: NOW, jobCount: 300, seed: 2 });
    expect(other.jobs.map((j) => j.job.id)).not.toEqual(again.jobs.map((j) => j.job.id));
  });

  it('has 5,000 jobs over several weeks ending at now, from several users', () => {
    expect(dataset.jobs.length).toBe(5000);
    const first = dataset.jobs[0] as DatasetJob;
    expect(NOW - first.job.tSubmit).toBeGreaterThan(21 * 86400);
    expect(dataset.jobs.every((j) => j.job.tSubmit <= NOW && j.eventlog.every((e) => e.timestamp <= NOW))).toBe(true);
    expect(new Set(dataset.jobs.map((j) => j.job.userId)).size).toBeGreaterThanOrEqual(8);
    const uids = new Set(dataset.users.map((u) => u.uid));
    expect(dataset.jobs.every((j) => uids.has(j.job.userId))).toBe(true);
    expect(dataset.users[0]).toEqual({ uid: 990, name: 'flux' });
    expect(generateDataset({ now: NOW, jobCount: 20, ownerUid: 4242 }).ownerUid).toBe(4242);
  });

  it('has every state and every result, mostly inactive', () => {
    const states = new Set(dataset.jobs.map((j) => j.job.state));
    expect([...states].sort()).toEqual(['CLEANUP', 'DEPEND', 'INACTIVE', 'PRIORITY', 'RUN', 'SCHED']);
    const results = new Set(dataset.jobs.map((j) => j.job.result).filter(Boolean));
    expect([...results].sort()).toEqual(['CANCELED', 'COMPLETED', 'FAILED', 'TIMEOUT']);
    expect(dataset.jobs.filter((j) => j.job.state === 'INACTIVE').length).toBeGreaterThan(4500);
    expect(dataset.jobs.some((j) => j.job.urgency === 0 && j.job.state === 'SCHED')).toBe(true);
    expect(dataset.jobs.some((j) => (j.job.dependencies?.length ?? 0) > 0 && j.job.state === 'DEPEND')).toBe(true);
    expect(dataset.jobs.some((j) => j.job.dependencies !== undefined && j.job.dependencies.length === 0)).toBe(true);
  });

  it('gives RFC 19 ids in [2^53, 2^63), increasing with submit time', () => {
    let last = 0n;
    const bad: bigint[] = [];
    for (const { job } of dataset.jobs) {
      if (job.id < 2n ** 53n || job.id >= 2n ** 63n || job.id <= last) bad.push(job.id);
      last = job.id;
    }
    expect(bad).toEqual([]);
    const [a, b] = [dataset.jobs[10] as DatasetJob, dataset.jobs[4000] as DatasetJob];
    const msApart = Number((b.job.id >> 24n) - (a.job.id >> 24n));
    expect(Math.abs(msApart - (b.job.tSubmit - a.job.tSubmit) * 1000)).toBeLessThan(2);
  });

  it('keeps every eventlog consistent with the state job-list reports', () => {
    for (const { job, eventlog, R } of dataset.jobs) {
      const seq = names(eventlog);
      expect(seq[0]).toBe('submit');
      expect(eventlog.every((e, i) => i === 0 || e.timestamp >= (eventlog[i - 1] as FluxJobEvent).timestamp)).toBe(
        true,
      );
      expect(job.tSubmit).toBe(eventlog[0]?.timestamp);
      expect(job.tDepend).toBe(timeOf(eventlog, 'validate'));
      expect(job.tPriority).toBe(timeOf(eventlog, 'depend'));
      expect(job.tRun).toBe(timeOf(eventlog, 'alloc'));
      expect(job.tInactive).toBe(timeOf(eventlog, 'clean'));
      expect(R !== undefined).toBe(seq.includes('alloc'));
      const last = seq[seq.length - 1];
      switch (job.state) {
        case 'INACTIVE':
          expect(last).toBe('clean');
          expect(job.result).toBeDefined();
          expect(job.success).toBe(job.result === 'COMPLETED');
          break;
        case 'CLEANUP':
          expect(seq.includes('finish') || seq.includes('exception')).toBe(true);
          break;
        case 'RUN':
          expect(seq).toContain('alloc');
          expect(seq).not.toContain('finish');
          expect(job.nodelist).toBeDefined();
          break;
        case 'SCHED':
          expect(seq).toContain('priority');
          expect(seq).not.toContain('alloc');
          break;
        case 'PRIORITY':
          expect(last).toBe('depend');
          break;
        case 'DEPEND':
          expect(seq).toContain('validate');
          expect(seq).not.toContain('depend');
          break;
        default:
          throw new Error(`unexpected state ${job.state}`);
      }
      if (job.result === 'TIMEOUT') expect(job.exception?.type).toBe('timeout');
      if (job.result === 'CANCELED') expect(job.exception?.type).toBe('cancel');
    }
  });

  it('puts experiment and run in attributes.user for some jobs and only in the environment for others', () => {
    const lcls = dataset.jobs.filter((j) => j.experiment !== undefined);
    expect(lcls.length).toBeGreaterThan(1000);
    for (const j of lcls) {
      expect(j.environment.EXPERIMENT).toBe(j.experiment);
      expect(j.environment.RUN_NUM).toBe(String(j.run));
    }
    const withUser = lcls.filter((j) => (j.jobspec.attributes as { user?: unknown }).user !== undefined);
    expect(withUser.length).toBeGreaterThan(50);
    expect(withUser.length).toBeLessThan(lcls.length);
    expect((withUser[0]?.jobspec.attributes as { user: unknown }).user).toEqual({
      experiment: withUser[0]?.experiment,
      run: withUser[0]?.run,
    });
    for (const j of dataset.jobs) {
      const attrs = j.jobspec.attributes as { system: Record<string, unknown> };
      expect(attrs.system.environment).toBeUndefined();
      expect(j.jobspec.version).toBe(1);
    }
    const exps = new Set(lcls.map((j) => j.experiment));
    const known = new Set(dataset.experiments.map((e) => e.name));
    expect([...exps].every((e) => known.has(e as string))).toBe(true);
    expect(new Set(dataset.experiments.map((e) => e.hutch))).toEqual(new Set(['mfx', 'cxi', 'xpp', 'tmo']));
    expect(dataset.experiments.filter((e) => e.isActive).length).toBe(4);
  });

  it('has banks, queues and projects', () => {
    const distinct = (f: (j: DatasetJob) => string | undefined): number =>
      new Set(dataset.jobs.map(f).filter(Boolean)).size;
    expect(distinct((j) => j.job.bank)).toBeGreaterThanOrEqual(4);
    expect(distinct((j) => j.job.queue)).toBe(3);
    expect(distinct((j) => j.job.project)).toBeGreaterThanOrEqual(3);
  });
});
