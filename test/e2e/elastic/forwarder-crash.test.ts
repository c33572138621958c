import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';
import { assertCliBuilt, fluxInactive, runForwardCli, storedIds } from './forward-cli';

const byId = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

describeElastic('jobgraph forward (compiled CLI) SIGKILLed mid-batch and restarted, against the Flux simulator', () => {
  let es: ElasticDatasource;
  let sim: FluxSimulator;
  beforeAll(async () => {
    assertCliBuilt();
    sim = await startFluxSimulator({ dataset: generateDataset({ seed: 11, jobCount: 3000, now: 1_795_400_000 }) });
  });
  beforeEach(() => {
    es = testDatasource('crash', { maxRetries: 0 });
  });
  afterEach(async () => dropDatasource(es));
  afterAll(async () => {
    await sim.close();
  });

  // In one listing, and in 1,000-job listing windows (a backfill larger than a window: three listings here).
  test.each([[undefined], [1000]])(
    'neither loses nor duplicates a job: the stored ids are exactly Flux inactive set (window %p)',
    async (windowJobs) => {
      const inactive = await fluxInactive(sim.uri);
      expect(inactive.size).toBeGreaterThan(2500);
      const killed = await runForwardCli({
        fluxUri: sim.uri,
        es,
        batchSize: 100,
        windowJobs,
        killAfterCommit: { delayMs: 15 },
      });
      expect(killed.signal).toBe('SIGKILL');
      expect(killed.done).toBeUndefined();

      // A watermark write the child sent just before it died can still land after its exit (seen
      // once in CI-like load): read the state once two reads 300 ms apart agree.
      let { state } = await readForwarderState(es.client, es.stateIndex, 'default');
      for (let settled = false; !settled;) {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const again = (await readForwarderState(es.client, es.stateIndex, 'default')).state;
        settled = again.since === state.since;
        state = again;
      }
      const covered = [...inactive].filter(([, tInactive]) => tInactive <= state.since).map(([id]) => BigInt(id));
      expect(covered.length).toBeGreaterThanOrEqual(100);
      expect(covered.length).toBeLessThan(inactive.size);
      expect((await es.getJobs(covered, { cluster: 'default' })).filter((doc) => doc === null)).toHaveLength(0);

      const resumed = await runForwardCli({ fluxUri: sim.uri, es, batchSize: 100, windowJobs });
      expect(resumed.stderr).toBe('');
      expect(resumed.code).toBe(0);
      expect(resumed.done?.previousSince).toBe(state.since);
      expect(resumed.progress.at(-1)?.forwarded).toBe(resumed.done?.forwarded);

      expect(await storedIds(es)).toEqual([...inactive.keys()].sort(byId).map((id) => `default:${id}`));
      expect((await es.client.count({ index: es.index })).count).toBe(inactive.size);
      const final = await readForwarderState(es.client, es.stateIndex, 'default');
      expect(final.state.since).toBe(Math.max(...inactive.values()));
    },
    180_000,
  );
});
