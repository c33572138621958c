import { generateDataset } from '../../../src/simulators/dataset';
import { SCIENTISTS } from '../../../src/simulators/dataset/catalog';
import { clusterDataset } from '../../../src/simulators/dataset/cluster-dataset';

describe('clusterDataset (the demo clusters)', () => {
  const base = generateDataset({ seed: 5, jobCount: 800, now: 1_795_400_000, days: 7 });

  it('keeps only the given users’ jobs, and those users and the owner in the user table', () => {
    const uids = SCIENTISTS.map((s) => s.uid);
    const s3df = clusterDataset(base, { users: uids });
    expect(s3df.jobs.length).toBeGreaterThan(0);
    expect(s3df.jobs.length).toBeLessThan(base.jobs.length);
    expect(s3df.jobs.every((j) => uids.includes(j.job.userId))).toBe(true);
    expect(s3df.users.map((u) => u.uid).sort()).toEqual([base.ownerUid, ...uids].sort());
  });

  it('renames queues in the job-list view and the jobspec alike, other fields untouched', () => {
    const psana = clusterDataset(base, { queues: { milan: 'psanaq' } });
    const before = base.jobs.filter((j) => j.job.queue === 'milan');
    expect(before.length).toBeGreaterThan(0);
    const after = psana.jobs.filter((j) => before.some((b) => b.job.id === j.job.id));
    expect(after.every((j) => j.job.queue === 'psanaq')).toBe(true);
    expect(after.every((j) => (j.jobspec.attributes as { system: { queue: string } }).system.queue === 'psanaq')).toBe(
      true,
    );
    expect(psana.jobs.map((j) => j.job.id)).toEqual(base.jobs.map((j) => j.job.id));
    expect(base.jobs.filter((j) => j.job.queue === 'milan')).toHaveLength(before.length);
  });
});
