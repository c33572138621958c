/**
 * The forwarder as a child process for the crash test: forwards a simulator dataset with small
 * batches, printing one JSON progress line per stored batch on stdout (not a TTY).
 * Env: JOBGRAPH_TEST_ELASTICSEARCH_URL, FORWARD_INDEX, FORWARD_STATE_INDEX, FORWARD_SEED, FORWARD_JOBS, FORWARD_NOW.
 */
import { createElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { runForwarder } from '../../../src/forwarder/run-forwarder';
import { generateDataset } from '../../../src/simulators/dataset';
import { datasetFlux } from '../../fixtures/elastic/dataset-flux';

async function main(): Promise<void> {
  const env = process.env;
  const dataset = generateDataset({ seed: Number(env.FORWARD_SEED), jobCount: Number(env.FORWARD_JOBS), now: Number(env.FORWARD_NOW) });
  const elastic = createElasticDatasource({
    url: env.JOBGRAPH_TEST_ELASTICSEARCH_URL as string,
    index: env.FORWARD_INDEX as string,
    stateIndex: env.FORWARD_STATE_INDEX as string,
    requestTimeoutMs: 30_000,
    pitKeepAlive: '1m',
    maxRetries: 0,
  });
  const report = await runForwarder({
    flux: datasetFlux(dataset),
    elastic,
    instance: 'sim',
    config: { forwardBatchSize: 100, forwardLookupConcurrency: 64, forwardEnvironment: ['EXPERIMENT', 'RUN_NUM'], followIntervalMs: 1000 },
    progress: process.stdout,
  });
  process.stdout.write(`${JSON.stringify({ event: 'done', ...report })}\n`);
  await elastic.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
