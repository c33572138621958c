import { createElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import { runForwarder } from '../../../src/forwarder/run-forwarder';
import { generateDataset } from '../../../src/simulators/dataset';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { startElasticStandIn } from '../../support/elastic-stand-in';
import { describeElastic, dropDatasource, elasticUrl, testDatasource } from './elastic-test-env';

// Regression: `jobgraph forward --follow` exited at once when Elasticsearch was unreachable at
// start (index setup ran before the follow loop and its retries).
describeElastic('forward --follow started while Elasticsearch is down', () => {
  test('reports the failure, keeps trying, and forwards every inactive job once the node answers', async () => {
    const direct = testDatasource('follow-start');
    const proxy = await startElasticStandIn(elasticUrl);
    await proxy.faults.stop();
    const elastic = createElasticDatasource({
      url: proxy.url,
      index: direct.index,
      stateIndex: direct.stateIndex,
      requestTimeoutMs: 5_000,
      pitKeepAlive: '1m',
      maxRetries: 0,
    });
    const dataset = generateDataset({ seed: 12, jobCount: 800, now: 1_795_500_000 });
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE').map((j) => j.job.id);
    const sim = await startFluxSimulator({ dataset });
    const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 10_000 });
    const stop = new AbortController();
    const errors: unknown[] = [];
    const config = {
      forwardBatchSize: 200,
      forwardLookupConcurrency: 64,
      forwardBulksInFlight: 2,
      forwardWindowJobs: 100_000,
      forwardEnvironment: ['EXPERIMENT', 'RUN_NUM'],
      followIntervalMs: 200,
    };
    try {
      const running = runForwarder({
        clusters: [{ name: 'sim', flux }],
        elastic,
        config,
        follow: true,
        signal: stop.signal,
        onError: (error) => errors.push(error),
      });
      const deadline = Date.now() + 10_000;
      while (errors.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors.length).toBeGreaterThanOrEqual(2);
      await proxy.faults.start();
      let stored = 0;
      for (let i = 0; i < 150 && stored < inactive.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        stored = (await direct.getJobs(inactive, { cluster: 'sim' }).catch(() => [])).filter(
          (doc) => doc !== null,
        ).length;
      }
      stop.abort();
      const report = await running;
      expect(stored).toBe(inactive.length);
      expect(report.forwarded).toBe(inactive.length);
    } finally {
      stop.abort();
      await flux.close();
      await sim.close();
      await elastic.close();
      await proxy.close();
      await dropDatasource(direct);
    }
  }, 90_000);
});
