import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';

// Issue 17 item 5: the demo had a job COMPLETED after running longer than its time limit (a job still
// running past its limit at `now`, later finished successfully by the live simulator). Flux times such
// a job out at its expiration.
describe('jobs never outlive their time limit in the demo data', () => {
  it.each([1, 7, 11])('seed %i: no job ran or runs past its limit unless it TIMED OUT', (seed) => {
    const dataset = generateDataset({ seed, jobCount: 5000 });
    for (const { job } of dataset.jobs) {
      if (!job.duration || job.tRun === undefined) continue;
      if (job.state === 'RUN') expect(job.tRun + job.duration).toBeGreaterThan(dataset.now);
      if (job.state === 'INACTIVE' && job.result !== 'TIMEOUT' && job.tCleanup !== undefined)
        expect(job.tCleanup - job.tRun).toBeLessThanOrEqual(job.duration);
    }
  });

  it('the live simulator times a running job out at its expiration, as Flux does, instead of completing it', async () => {
    // A fixed now: the default (the wall clock) made the dataset, and whether it had such a job, vary by run.
    const dataset = generateDataset({ seed: 3, jobCount: 300, now: 1_800_000_000 });
    let now = dataset.now;
    const sim = await startFluxSimulator({ dataset, clock: () => now });
    try {
      const running = sim.store.lists().running.find((j) => j.state === 'RUN' && (j.duration ?? 0) > 0);
      expect(running).toBeDefined();
      const expiration = running?.expiration as number;
      now = expiration + 10;
      const step = sim.advance({ start: 0, finish: 1000 });
      expect(step.timedOut).toContain(running?.id);
      expect(step.finished).not.toContain(running?.id);
      const stored = sim.store.get(running?.id as bigint);
      expect(stored?.job).toMatchObject({ state: 'INACTIVE', result: 'TIMEOUT', success: false, tCleanup: expiration });
      expect(stored?.eventlog.find((e) => e.name === 'exception')).toMatchObject({
        timestamp: expiration,
        context: { type: 'timeout', severity: 0 },
      });
      for (const id of step.finished) {
        const job = sim.store.get(id)?.job;
        if (job?.duration) expect((job.tCleanup as number) - (job.tRun as number)).toBeLessThanOrEqual(job.duration);
      }
    } finally {
      await sim.close();
    }
  });
});
