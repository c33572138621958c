import { elogLinkOfJob } from '../../../src/datasources/elog/elog-job-link';
import { createElogLoaders } from '../../../src/loaders/elog.loaders';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { simClient } from './elog-helpers';

describe('eLog simulator over the shared dataset', () => {
  it("serves every experiment and run the dataset's jobs point at", async () => {
    const dataset = generateDataset({ seed: 7, jobCount: 400, now: 1_760_000_000 });
    const sim = await startElogSimulator({ dataset });
    try {
      const loaders = createElogLoaders(simClient(sim, { mode: 'kerberos' }), {
        negotiate: sim.negotiateToken('jdoe'),
      });
      const linked = dataset.jobs.filter((j) => j.experiment !== undefined && j.run !== undefined);
      expect(linked.length).toBeGreaterThan(20);
      for (const j of linked) {
        const attributes = (j.jobspec.attributes ?? {}) as Record<string, unknown>;
        const J = {
          ...j.jobspec,
          attributes: { ...attributes, system: { ...(attributes.system as object), environment: j.environment } },
        };
        expect(
          elogLinkOfJob({ jobspec: j.jobspec, J }, { experimentAttribute: 'experiment', runAttribute: 'run' }),
        ).toEqual({ experiment: j.experiment, run: j.run });
      }
      const runs = await Promise.all(
        linked.map((j) => loaders.run.load({ experiment: j.experiment as string, run: j.run as number })),
      );
      expect(runs.every((r) => r !== null)).toBe(true);
      expect(sim.requestCounts().runs).toBe(new Set(linked.map((j) => j.experiment)).size);
      const active = dataset.experiments.find((e) => e.isActive && e.station === 0);
      expect(await simClient(sim, { mode: 'none' }).activeExperiment(active?.hutch ?? '')).toMatchObject({
        name: active?.name,
      });
    } finally {
      await sim.close();
    }
  });
});
