import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { seededRandom } from '../../support/seeded-random';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';
import { assertCliBuilt, fluxInactive, runForwardCli, storedIds } from './forward-cli';

const KILLS = 20;
const SEED = 20;
const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

// Issue 10 §5: the forwarder killed at 20 random instants against the real Elasticsearch still ends
// with exactly Flux's inactive set. `jobgraph forward --follow` (compiled) runs against the Flux
// simulator while jobs keep finishing; each run is SIGKILLed at a seeded random instant (startup,
// listing, lookups, mid-bulk, watermark write or idle between passes), and after every kill every job
// at or below the stored watermark must be in the index.
describeElastic(`jobgraph forward --follow killed at ${KILLS} random instants`, () => {
  let es: ElasticDatasource;
  let sim: FluxSimulator;
  beforeAll(async () => {
    assertCliBuilt();
    sim = await startFluxSimulator({ dataset: generateDataset({ seed: SEED, jobCount: 5000, now: 1_795_400_000 }) });
    es = testDatasource('kills', { maxRetries: 0 });
  });
  afterAll(async () => {
    await dropDatasource(es);
    await sim.close();
  });

  test('ends with exactly the inactive set, and never holds a watermark above what is stored', async () => {
    const random = seededRandom(SEED);
    let midRun = 0;
    // Instants count from the spawn, offset by the start-up last seen (spawn to first progress line):
    // 0.5 s on a quiet machine, over 4 s in a loaded CI run, where fixed instants left only 3 of 20
    // kills past the start-up. With 0.8 × that start-up plus 0–3.5 s, some still land in it.
    let startupMs = 500;
    for (let kill = 0; kill < KILLS; kill += 1) {
      const killAfterMs = Math.round(0.8 * startupMs + random() * 3500);
      const run = await runForwardCli({ fluxUri: sim.uri, es, batchSize: 50, follow: true, killAfterMs });
      expect({ kill, killAfterMs, signal: run.signal, stderr: run.stderr }).toEqual({
        kill,
        killAfterMs,
        signal: 'SIGKILL',
        stderr: '',
      });
      if (run.progress.length > 0) midRun += 1;
      // A run killed before its first progress line shows the start-up is at least that long.
      startupMs =
        run.firstProgressMs !== undefined
          ? Math.max(500, run.firstProgressMs)
          : Math.max(startupMs, Math.round(killAfterMs * 1.25));

      const { state } = await readForwarderState(es.client, es.stateIndex, 'default');
      const covered = [...(await fluxInactive(sim.uri))]
        .filter(([, tInactive]) => tInactive <= state.since)
        .map(([id]) => BigInt(id));
      const missing = (await es.getJobs(covered, { cluster: 'default' })).filter((doc) => doc === null).length;
      expect({ kill, since: state.since, missing }).toEqual({ kill, since: state.since, missing: 0 });
      sim.advance({ finish: 15 + Math.floor(random() * 30), start: 40, submit: 40 });
    }
    // Instants spread over the runs, not all in the start-up of the process.
    process.stderr.write(`forwarder kills: ${midRun} of ${KILLS} after the first progress line\n`);
    expect(midRun).toBeGreaterThanOrEqual(8);

    const last = await runForwardCli({ fluxUri: sim.uri, es, batchSize: 50 });
    expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: '' });
    const inactive = await fluxInactive(sim.uri);
    expect(await storedIds(es)).toEqual([...inactive.keys()].sort(byId).map((id) => `default:${id}`));
    expect((await es.client.count({ index: es.index })).count).toBe(inactive.size);
    expect((await readForwarderState(es.client, es.stateIndex, 'default')).state.since).toBe(
      Math.max(...inactive.values()),
    );
  }, 300_000);
});
