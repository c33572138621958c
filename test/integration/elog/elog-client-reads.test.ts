import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { elogFixtureDataset } from '../../fixtures/elog/elog-dataset.fixture';
import { rejection, simClient, tempDir } from './elog-helpers';

describe('eLog client reads against the simulator', () => {
  let sim: ElogSimulator;
  beforeAll(async () => {
    sim = await startElogSimulator({ dataset: elogFixtureDataset(), lockedExperiments: ['mfxp1001121'] });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.requests.splice(0));

  it('finds the active experiment of a hutch (any case) and none on standby', async () => {
    const client = simClient(sim, { mode: 'none' });
    expect(await client.activeExperiment('mfx')).toMatchObject({ name: 'mfxl1038923', instrument: 'MFX', station: 0 });
    expect(await client.activeExperiment('XCS')).toBeNull();
    expect(sim.requests.map((r) => [r.prefix, r.query])).toEqual([
      ['ws', '?instrument_name=MFX&station=0'],
      ['ws', '?instrument_name=XCS&station=0'],
    ]);
  });

  it('knows which experiments are active at any station, from the cached active list', async () => {
    const client = simClient(sim, { mode: 'kerberos' });
    const call = { negotiate: sim.negotiateToken('jdoe') };
    expect(await client.isActive('cxix1004124', call)).toBe(true);
    expect(await client.isActive('MFXL1038923', call)).toBe(true);
    expect(await client.isActive('mfxp1001121', call)).toBe(false);
    expect(sim.requestCounts()).toEqual({ activeexperiments: 1 });
    const anonymous = simClient(sim, { mode: 'none' });
    expect(await anonymous.isActive('mfxl1038923')).toBe(true);
    expect(await anonymous.isActive('xcsx1003422')).toBe(false);
    // Issue 17: one rule. Without credentials it used to ask station 0 only, so CXI's station-1 experiment
    // read as inactive here and active above.
    expect(await anonymous.isActive('cxix1004124')).toBe(true);
  });

  it('reads experiment info, and null for an unknown experiment', async () => {
    const client = simClient(sim, { mode: 'basic' });
    const info = await client.experiment('mfxl1038923');
    expect(info).toMatchObject({ name: 'mfxl1038923', instrument: 'MFX', leaderAccount: 'jdoe' });
    expect(info?.startTime?.toISOString()).toBe('2024-03-14T23:00:00.000Z');
    expect(await client.experiment('mfxl9999999')).toBeNull();
  });

  it('lists runs with dates (microsecond isoformat) and an open last run', async () => {
    const runs = await simClient(sim, { mode: 'basic' }).runs('mfxl1038923');
    expect(runs).toHaveLength(45);
    expect(runs[0]).toMatchObject({ number: 45, endTime: null });
    expect(runs[44]?.beginTime?.toISOString()).toBe('2024-03-15T00:00:00.204Z');
    expect(runs[44]?.endTime?.toISOString()).toBe('2024-03-15T00:10:00.704Z');
    expect(sim.requests[sim.requests.length - 1]?.query).toBe('?includeParams=false');
  });

  it('reads chosen parameters of many runs in one request, names unescaped, NaN tolerated', async () => {
    const client = simClient(sim, { mode: 'basic' });
    const params = await client.runParams(
      'mfxl1038923',
      ['MFX:DG1:MMS:01.RBV', 'Cost$'],
      Array.from({ length: 45 }, (_, i) => i + 1),
    );
    expect(sim.requestCounts().get_run_params_for_all_runs).toBe(1);
    expect(params.get(2)).toEqual({ 'MFX:DG1:MMS:01.RBV': 0.2, Cost$: 2 });
    expect(params.get(3)).toEqual({ 'MFX:DG1:MMS:01.RBV': 'nan', Cost$: 3 });
    expect(params.size).toBe(45);
  });

  it('asks every parameter of many runs in ONE runs?includeParams=true (issue 17: was one runs/<n> per run)', async () => {
    const client = simClient(sim, { mode: 'basic' });
    const runs = Array.from({ length: 30 }, (_, i) => i + 1);
    const params = await client.runParams('mfxl1038923', undefined, [...runs, 2]);
    expect(sim.requestCounts()).toEqual({ runs: 1 });
    expect(sim.requests[0]?.query).toBe('?includeParams=true');
    expect(params.size).toBe(30);
    expect(params.get(1)).toMatchObject({ 'DAQ Detector Totals/Events': 70_001, 'MFX:DG1:MMS:01.RBV': 0.1 });
    expect(params.get(3)).toMatchObject({ 'MFX:DG1:MMS:01.RBV': 'nan' });
    // A name with a comma cannot go to get_run_params_for_all_runs: the same one request, then picked.
    sim.requests.splice(0);
    const picked = await client.runParams('mfxl1038923', ['a,b', 'MFX:DG1:MMS:01.RBV'], [1, 2]);
    expect(sim.requestCounts()).toEqual({ runs: 1 });
    expect(picked.get(2)).toEqual({ 'MFX:DG1:MMS:01.RBV': 0.2 });
    // One run: its own document, not the whole list.
    sim.requests.splice(0);
    expect((await client.runParams('mfxl1038923', undefined, [1])).get(1)).toEqual(params.get(1));
    expect(sim.requestCounts()).toEqual({ 'runs/<n>': 1 });
  });

  it('reads tags per run, runs by tag (encoded) and workflow definitions', async () => {
    const client = simClient(sim, { mode: 'kerberos' });
    const call = { negotiate: sim.negotiateToken('jdoe') };
    const tags = await client.runsToTags('mfxl1038923', call);
    expect(tags.get(7)).toEqual(['SFX_SUMMARY', 'LUTE']);
    expect(tags.get(10)).toEqual(['DARK']);
    expect(await client.runsWithTag('mfxl1038923', 'DARK')).toEqual([10, 20, 30, 40]);
    expect(await client.runsWithTag('mfxl1038923', 'NO SUCH&TAG')).toEqual([]);
    const wf = await client.workflows('mfxl1038923', call);
    expect(wf.map((w) => w.name)).toEqual(['find_peaks', 'lute_smd_summaries']);
    expect(sim.requests.filter((r) => r.route === 'workflow_definitions').map((r) => [r.prefix, r.user])).toEqual([
      ['ws-kerb', 'jdoe'],
    ]);
  });

  it('uses only public routes in mode none and refuses the rest unsent', async () => {
    const client = simClient(sim, { mode: 'none' });
    expect(await client.experiment('cxil1022721')).toMatchObject({ name: 'cxil1022721', instrument: 'CXI' });
    const runs = await client.runs('cxil1022721');
    expect(runs[0]).toMatchObject({ number: 20, type: 'DATA', endTime: null });
    expect(runs[19]?.beginTime?.toISOString()).toBe('2024-03-15T00:00:00.204Z');
    expect((await rejection(client.workflows('cxil1022721'))).code).toBe('UNAUTHENTICATED');
    expect(sim.requests.map((r) => r.route)).toEqual(['internalinfo', 'runs_for_calib']);
  });

  it('maps proxy and app refusals to typed errors', async () => {
    const wrong = simClient(sim, { mode: 'basic', oprPassword: 'wrong' });
    expect(await rejection(wrong.runs('mfxl1038923'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      extensions: { backend: 'elog', status: 401 },
    });
    const opr = simClient(sim, { mode: 'basic' });
    expect(await rejection(opr.runs('mfxp1001121'))).toMatchObject({ code: 'FORBIDDEN', extensions: { status: 403 } });
    const nobody = simClient(sim, { mode: 'kerberos' });
    expect(await rejection(nobody.runs('mfxl1038923', { negotiate: sim.negotiateToken('nobody') }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await rejection(nobody.runs('mfxl1038923'))).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/X-Jobgraph-Elog-Negotiate/),
    });
    expect(await rejection(opr.runs('mfxl9999999'))).toMatchObject({ code: 'NOT_FOUND', extensions: { status: 404 } });
    const dev = simClient(sim, { mode: 'basic' }, { app: 'devlgbk' });
    expect(await rejection(dev.runs('mfxl1038923'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('logs a 500 text body (never HTML) and raises UPSTREAM_ERROR without it', async () => {
    const logged: object[] = [];
    const client = simClient(sim, { mode: 'none' }, { transport: { logger: { warn: (o) => logged.push(o) } } });
    const err = await rejection(client.runsWithTag('mfxl1038923', ''));
    expect(err).toMatchObject({ code: 'UPSTREAM_ERROR', extensions: { status: 500 } });
    expect(err.message).not.toMatch(/Please specify/);
    expect(logged).toEqual([expect.objectContaining({ status: 500, body: 'Please specify the tag' })]);
    expect(sim.requestCounts().get_runs_with_tag).toBe(1);
  });

  it('retries a read on 502 with backoff, then gives up as UPSTREAM_UNAVAILABLE', async () => {
    sim.setFailAfterStore('workflow_definitions', 502);
    try {
      const err = await rejection(simClient(sim, { mode: 'basic' }).workflows('mfxl1038923'));
      expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { status: 502 } });
      expect(sim.requestCounts().workflow_definitions).toBe(3);
    } finally {
      sim.setFailAfterStore('workflow_definitions', undefined);
    }
  });

  it('auto: operator account on the active experiment (at any station, the rule of isActive), Kerberos elsewhere', async () => {
    const client = simClient(sim, { mode: 'auto', kerberosCommand: `printf '%s\\n' ${sim.negotiateToken('jdoe')}` });
    await client.runs('mfxl1038923');
    await client.runs('mfxp1001121');
    await client.runs('mfxl1038923');
    await client.runs('cxix1004124');
    expect(sim.requests.filter((r) => r.route === 'runs').map((r) => [r.prefix, r.user])).toEqual([
      ['ws-auth', 'mfxopr'],
      ['ws-kerb', 'jdoe'],
      ['ws-auth', 'mfxopr'],
      ['ws-auth', 'cxiopr'],
    ]);
    // MFX station 0, then station 1 for the experiment station 0 did not name; CXI stations 0 and 1; cached 30 s.
    expect(sim.requestCounts().activeexperiment_for_instrument_station).toBe(4);
  });

  it('bearer: a token file scoped to one experiment', async () => {
    const tmp = tempDir();
    try {
      const file = tmp.file('token', `${await sim.mintToken('jdoe', 'mfxl1038923')}\n`);
      const client = simClient(sim, { mode: 'bearer', bearerTokenFile: file });
      expect(await client.runs('mfxl1038923')).toHaveLength(45);
      expect(await rejection(client.runs('cxil1022721'))).toMatchObject({ code: 'UNAUTHENTICATED' });
      tmp.file('token', `${await sim.mintToken('jdoe', 'mfxl1038923', -10)}\n`);
      expect(await rejection(client.runs('mfxl1038923'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      tmp.cleanup();
    }
  });
});
