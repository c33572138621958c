import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { seededRandom } from '../../support/seeded-random';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';
import { assertCliBuilt, fluxInactive, runForwardCli, storedIds } from './forward-cli';

const KILLS = 8;
const SEED = 18;
const NOW = 1_795_400_000;
const CLUSTERS = ['psana', 's3df'] as const;

/** s3df also holds 60 of psana's inactive jobs under the same ids: each must become two documents. */
function datasets(): Record<(typeof CLUSTERS)[number], Dataset> {
  const psana = generateDataset({ seed: 31, jobCount: 1500, now: NOW, days: 7 });
  const s3df = generateDataset({ seed: 32, jobCount: 1000, now: NOW, days: 7 });
  const twins = psana.jobs.filter((j) => j.job.state === 'INACTIVE').slice(0, 60);
  const jobs = [...s3df.jobs, ...twins].sort((x, y) => x.job.tSubmit - y.job.tSubmit || (x.job.id < y.job.id ? -1 : 1));
  return { psana, s3df: { ...s3df, jobs } };
}

// Issue 18: one forwarder fed by two clusters into one index. `jobgraph forward --follow` (compiled,
// JOBGRAPH_FLUX_CLUSTERS) is SIGKILLed at seeded random instants while each broker is itself killed
// and restarted at a random instant of the run and jobs keep finishing on both. After every kill each
// cluster's watermark covers only stored jobs; at the end the index holds exactly each cluster's
// inactive set, the same id on both clusters as two documents, and each watermark is its cluster's newest.
describeElastic('jobgraph forward with two clusters, forwarder and brokers killed at random instants', () => {
  let es: ElasticDatasource;
  const sims: Partial<Record<(typeof CLUSTERS)[number], FluxSimulator>> = {};
  beforeAll(async () => {
    assertCliBuilt();
    const data = datasets();
    for (const name of CLUSTERS) sims[name] = await startFluxSimulator({ dataset: data[name] });
    es = testDatasource('clusters', { maxRetries: 0 });
  });
  afterAll(async () => {
    await dropDatasource(es);
    await Promise.all(Object.values(sims).map((sim) => sim.close()));
  });

  const sim = (name: (typeof CLUSTERS)[number]): FluxSimulator => sims[name] as FluxSimulator;
  const env = (): Record<string, string> => ({
    JOBGRAPH_FLUX_CLUSTERS: CLUSTERS.map((name) => `${name}=${sim(name).uri}`).join(','),
    JOBGRAPH_FLUX_TIMEOUT_MS: '3000',
  });

  test('ends with exactly each cluster’s inactive set, same ids on both clusters as two documents', async () => {
    const random = seededRandom(SEED);
    for (let kill = 0; kill < KILLS; kill += 1) {
      const killAfterMs = Math.round(600 + random() * 3000);
      // Each broker goes down once per run, at its own random instant, for 50–400 ms.
      const restarts = CLUSTERS.map((name) => {
        const at = Math.round(random() * killAfterMs);
        const downMs = Math.round(50 + random() * 350);
        return new Promise<void>((resolve) =>
          setTimeout(() => void sim(name).restart(downMs).then(resolve, resolve), at),
        );
      });
      const run = await runForwardCli({
        fluxUri: 'local:///unused',
        es,
        batchSize: 50,
        follow: true,
        killAfterMs,
        env: env(),
      });
      await Promise.all(restarts);
      expect({ kill, signal: run.signal }).toEqual({ kill, signal: 'SIGKILL' });
      for (const name of CLUSTERS) {
        const { state } = await readForwarderState(es.client, es.stateIndex, name);
        const covered = [...(await fluxInactive(sim(name).uri))]
          .filter(([, tInactive]) => tInactive <= state.since)
          .map(([id]) => BigInt(id));
        const missing = (await es.getJobs(covered, { cluster: name })).filter((doc) => doc === null).length;
        expect({ kill, name, missing }).toEqual({ kill, name, missing: 0 });
      }
      for (const name of CLUSTERS) sim(name).advance({ finish: 10 + Math.floor(random() * 25), start: 30, submit: 30 });
    }

    // The last pass checks completeness, not speed: the brokers run in this (busy) test process, and
    // under a full parallel CI run a 50-job lookup once took longer than the 3 s the kills use.
    const last = await runForwardCli({
      fluxUri: 'local:///unused',
      es,
      batchSize: 50,
      env: { ...env(), JOBGRAPH_FLUX_TIMEOUT_MS: '30000' },
    });
    expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: '' });
    const expected: string[] = [];
    for (const name of CLUSTERS) {
      const inactive = await fluxInactive(sim(name).uri);
      expected.push(...[...inactive.keys()].map((id) => `${name}:${id}`));
      expect((await readForwarderState(es.client, es.stateIndex, name)).state.since).toBe(
        Math.max(...inactive.values()),
      );
    }
    const stored = await storedIds(es);
    expect([...stored].sort()).toEqual([...expected].sort());
    expect((await es.client.count({ index: es.index })).count).toBe(expected.length);
    // The twins: one id, two documents, each with its cluster.
    const twin = stored.find((id) => id.startsWith('s3df:') && stored.includes(`psana:${id.slice(5)}`)) as string;
    expect(twin).toBeDefined();
    const [onPsana, onS3df] = await Promise.all(
      CLUSTERS.map(async (name) => (await es.getJobs([BigInt(twin.slice(5))], { cluster: name }))[0]),
    );
    expect([onPsana?.cluster, onS3df?.cluster]).toEqual(['psana', 's3df']);
    expect(onPsana?.id).toBe(onS3df?.id);
  }, 300_000);
});
