import { createElogLoaders } from '../../../src/loaders/elog.loaders';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { elogFixtureDataset } from '../../fixtures/elog/elog-dataset.fixture';
import { simClient } from './elog-helpers';

describe('eLog loaders', () => {
  let sim: ElogSimulator;
  beforeAll(async () => {
    sim = await startElogSimulator({ dataset: elogFixtureDataset() });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.requests.splice(0));

  it('asks the union of names for every run of an experiment in one request', async () => {
    const loaders = createElogLoaders(simClient(sim, { mode: 'kerberos' }), { negotiate: sim.negotiateToken('jdoe') });
    const keys = [
      ...Array.from({ length: 45 }, (_, i) => ({ experiment: 'mfxl1038923', run: i + 1, names: ['Cost$'] })),
      ...Array.from({ length: 20 }, (_, i) => ({
        experiment: 'cxil1022721',
        run: i + 1,
        names: i % 2 ? ['Cost$'] : ['CXI:DG1:MMS:01.RBV', 'missing'],
      })),
    ];
    const values = await loaders.runParams.loadMany(keys);
    expect(sim.requestCounts()).toEqual({ get_run_params_for_all_runs: 2 });
    expect(sim.requests.map((r) => decodeURIComponent(r.query)).sort()).toEqual([
      '?param_names=CXI:DG1:MMS:01.RBV,missing,Cost$',
      '?param_names=Cost$',
    ]);
    expect(values[0]).toEqual({ Cost$: 1 });
    expect(values[45]).toEqual({ 'CXI:DG1:MMS:01.RBV': 0.1 });
    expect(values[46]).toEqual({ Cost$: 2 });
  });

  it("fetches each experiment's run list once, null for unknown runs and experiments", async () => {
    const loaders = createElogLoaders(simClient(sim, { mode: 'basic' }));
    const runs = await Promise.all([1, 2, 45, 46].map((run) => loaders.run.load({ experiment: 'mfxl1038923', run })));
    expect(runs.map((r) => r?.number ?? null)).toEqual([1, 2, 45, null]);
    expect(await loaders.run.load({ experiment: 'mfxl9999999', run: 1 })).toBeNull();
    expect(sim.requestCounts()).toEqual({ runs: 2 });
  });

  it('fails every field clearly when the eLog is not configured', async () => {
    const loaders = createElogLoaders(undefined);
    await expect(loaders.runs.load('mfxl1038923')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: expect.stringMatching(/JOBGRAPH_ELOG_URL/),
    });
  });
});
