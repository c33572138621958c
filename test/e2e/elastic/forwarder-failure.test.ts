import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import { forwardJobs } from '../../../src/forwarder/forward-jobs';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

/** `depth` levels of objects: deeper than a flattened field's depth_limit (20), so the node refuses the document. */
const deep = (depth: number): Record<string, unknown> => (depth === 0 ? { leaf: 'x' } : { nested: deep(depth - 1) });

// Regression: a batch of the newest jobs failing while the listing still streamed made the pass stop
// recording the listing; the watermark was then computed over a partial listing and, when the newer
// batches after the failed one were stored, could jump over older jobs never listed, let alone stored.
describeElastic('a refused batch while the listing still streams', () => {
  let es: ElasticDatasource;
  beforeAll(() => {
    es = testDatasource('failure', { maxRetries: 0 });
  });
  afterAll(async () => dropDatasource(es));

  test('fails the pass and leaves no job at or below the watermark unstored', async () => {
    const dataset = generateDataset({ seed: 8, jobCount: 8_000, now: 1_795_400_000 });
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
    const newest = inactive.reduce((a, b) => ((b.job.tInactive as number) > (a.job.tInactive as number) ? b : a));
    const attributes = newest.jobspec.attributes as Record<string, unknown>;
    newest.jobspec = { ...newest.jobspec, attributes: { ...attributes, user: deep(25) } };
    const sim = await startFluxSimulator({ dataset });
    const client = createFluxDatasource({ uri: sim.uri, timeoutMs: 30_000 });
    // The broker's listing paced like a large one on a busy broker (8,000 jobs over ~2 s), so the
    // refused batch answers while the listing still streams.
    const flux: FluxDatasource = {
      ...client,
      async *listJobs(query, options) {
        let n = 0;
        for await (const job of client.listJobs(query, options)) {
          if (++n % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
          yield job;
        }
      },
    };
    await es.ensureIndices();
    try {
      await expect(forwardJobs({ flux, elastic: es, cluster: 'sim', batchSize: 100 })).rejects.toMatchObject({
        code: 'UPSTREAM_ERROR',
      });
      const { state } = await readForwarderState(es.client, es.stateIndex, 'sim');
      const covered = inactive.filter((j) => (j.job.tInactive as number) <= state.since).map((j) => j.job.id);
      expect((await es.getJobs(covered, { cluster: 'sim' })).filter((doc) => doc === null)).toHaveLength(0);
      expect(state.since).toBeLessThan(newest.job.tInactive as number);
    } finally {
      await client.close();
      await sim.close();
    }
  }, 120_000);
});
