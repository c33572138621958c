import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { elogFixtureDataset } from '../../fixtures/elog/elog-dataset.fixture';
import { rejection, simClient } from './elog-helpers';

/** Issue 17 item 6: the eLog client checked against explgbk's own routes; each test pins one fix. */
describe('eLog client fixes (issue 17 item 6)', () => {
  let sim: ElogSimulator;
  beforeAll(async () => {
    sim = await startElogSimulator({ dataset: elogFixtureDataset(), lockedExperiments: ['mfxp1001121'] });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.requests.splice(0));

  it('isLocked is false for an experiment never locked (explgbk stores is_locked only once set), null in mode none', async () => {
    const client = simClient(sim, { mode: 'basic' });
    expect((await client.experiment('mfxl1038923'))?.isLocked).toBe(false);
    const kerberos = simClient(sim, { mode: 'kerberos' });
    expect((await kerberos.experiment('mfxp1001121', { negotiate: sim.negotiateToken('jdoe') }))?.isLocked).toBe(true);
    expect((await client.activeExperiment('mfx'))?.isLocked).toBe(false);
    // internalinfo does not say: unknown, not false.
    const anonymous = await simClient(sim, { mode: 'none' }).experiment('mfxl1038923');
    expect(anonymous).toMatchObject({ name: 'mfxl1038923' });
    expect(anonymous?.isLocked).toBeUndefined();
  });

  it('a crash (500 HTML) of the active-experiment lookup is UPSTREAM_ERROR, not "none active"', async () => {
    const client = simClient(sim, { mode: 'none' });
    // The eLog's own "none active" (500 text) is still null.
    expect(await client.activeExperiment('xcs')).toBeNull();
    sim.setFailAfterStore('activeexperiment_for_instrument_station', 500);
    try {
      expect(await rejection(client.activeExperiment('mfx'))).toMatchObject({
        code: 'UPSTREAM_ERROR',
        extensions: { backend: 'elog', status: 500 },
      });
      // auto: it used to read as "not active" and silently switch to Kerberos credentials.
      const auto = simClient(sim, { mode: 'auto', kerberosCommand: `printf '%s\\n' ${sim.negotiateToken('jdoe')}` });
      sim.requests.splice(0);
      expect(await rejection(auto.runs('mfxl1038923'))).toMatchObject({ code: 'UPSTREAM_ERROR' });
      expect(sim.requests.map((r) => r.route)).toEqual(['activeexperiment_for_instrument_station']);
    } finally {
      sim.setFailAfterStore('activeexperiment_for_instrument_station', undefined);
    }
  });

  it("never retries a request carrying the caller's forwarded Negotiate token (a replay cache accepts it once)", async () => {
    sim.setFailAfterStore('workflow_definitions', 502);
    try {
      const forwarded = simClient(sim, { mode: 'kerberos' });
      const err = await rejection(forwarded.workflows('mfxl1038923', { negotiate: sim.negotiateToken('jdoe') }));
      expect(err).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', extensions: { status: 502 } });
      expect(sim.requestCounts().workflow_definitions).toBe(1);
      // A fresh token per request (the gateway's own command) may be retried as before.
      sim.requests.splice(0);
      const own = simClient(sim, { mode: 'kerberos', kerberosCommand: `printf '%s\\n' ${sim.negotiateToken('jdoe')}` });
      await rejection(own.workflows('mfxl1038923'));
      expect(sim.requestCounts().workflow_definitions).toBe(3);
    } finally {
      sim.setFailAfterStore('workflow_definitions', undefined);
    }
  });
});
