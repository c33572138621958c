import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import { forwardJobs } from '../../../src/forwarder/forward-jobs';
import { generateDataset } from '../../../src/simulators/dataset';
import type { DatasetJob } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { datasetFlux } from '../../fixtures/elastic/dataset-flux';
import { describeElastic, dropDatasource, pageAllIds, testDatasource } from './elastic-test-env';

const NOW = 1_795_400_000;
const byIdAsc = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const sortedIds = (jobs: readonly DatasetJob[]) =>
  jobs
    .map((j) => j.job.id)
    .sort(byIdAsc)
    .map(String);

/** Every listing keeps at most `windowJobs` jobs in memory: a larger backfill goes in several listings, oldest first. */
describeElastic('a backfill larger than one listing window', () => {
  let es: ElasticDatasource;
  beforeEach(async () => {
    es = testDatasource('window', { maxRetries: 0 });
    await es.ensureIndices();
  });
  afterEach(async () => dropDatasource(es));

  test("stores exactly Flux's inactive set through several listings of the simulator, counted once", async () => {
    const dataset = generateDataset({ seed: 6, jobCount: 3_000, now: NOW });
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
    const sim = await startFluxSimulator({ dataset });
    const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 30_000 });
    try {
      const report = await forwardJobs({ flux, elastic: es, cluster: 'sim', batchSize: 200, windowJobs: 700 });
      await es.refresh();
      expect(await pageAllIds(es, { sort: [{ field: 'id', order: 'asc' }], first: 1000 })).toEqual(sortedIds(inactive));
      expect(report.forwarded).toBe(inactive.length);
      expect(flux.rpcCounts()['job-list.list']).toBeGreaterThanOrEqual(Math.ceil(inactive.length / 700));
      const { state } = await readForwarderState(es.client, es.stateIndex, 'sim');
      expect(state.since).toBe(Math.max(...inactive.map((j) => j.job.tInactive as number)));
      // A second pass finds nothing new.
      expect((await forwardJobs({ flux, elastic: es, cluster: 'sim', windowJobs: 700 })).forwarded).toBe(0);
    } finally {
      await flux.close();
      await sim.close();
    }
  }, 120_000);

  test('never skips jobs sharing a t_inactive across a window edge, nor a group larger than the window', async () => {
    const dataset = generateDataset({ seed: 7, jobCount: 1_500, now: NOW });
    const inactive = dataset.jobs
      .filter((j) => j.job.state === 'INACTIVE')
      .sort((a, b) => (a.job.tInactive as number) - (b.job.tInactive as number));
    // Oldest first: 200 jobs, then 300 sharing one time (across the edge of a 250-job window),
    // then 600 sharing another (more than a window), then the rest.
    const shared = (from: number, to: number, time: number) => {
      for (let i = from; i < Math.min(to, inactive.length); i++) {
        const job = inactive[i] as DatasetJob;
        inactive[i] = { ...job, job: { ...job.job, tInactive: time } };
      }
    };
    const base = inactive[0]?.job.tInactive as number;
    inactive.forEach((j, i) => {
      inactive[i] = { ...j, job: { ...j.job, tInactive: base + i } };
    });
    shared(200, 500, base + 200.5);
    shared(500, 1_100, base + 500.5);
    const flux: FluxDatasource = datasetFlux({ ...dataset, jobs: inactive });
    const report = await forwardJobs({ flux, elastic: es, cluster: 'stand-in', batchSize: 100, windowJobs: 250 });
    await es.refresh();
    expect(await pageAllIds(es, { sort: [{ field: 'id', order: 'asc' }], first: 1000 })).toEqual(sortedIds(inactive));
    expect(report.forwarded).toBe(inactive.length);
    const { state } = await readForwarderState(es.client, es.stateIndex, 'stand-in');
    expect(state.since).toBe(Math.max(...inactive.map((j) => j.job.tInactive as number)));
  }, 120_000);
});
