import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { datasetFlux } from '../../fixtures/elastic/dataset-flux';
import { expectBreakerCycle, outcomeOf, readBreakers } from '../../support/breaker-cycle';
import type { BreakerCase, Outcome } from '../../support/breaker-cycle';
import { startElasticStandIn } from '../../support/elastic-stand-in';
import type { ElasticStandIn } from '../../support/elastic-stand-in';
import { describeElastic, dropDatasource, elasticUrl, testDatasource } from './elastic-test-env';

const DEADLINE_MS = 800;

describeElastic('the Elasticsearch breaker and fault handling over a real node, behind a fault proxy', () => {
  const dataset = generateDataset({ seed: 8, jobCount: 100 });
  let es: ElasticDatasource;
  let proxy: ElasticStandIn;
  let datasources: Datasources;
  let server: GatewayServer;
  let url: string;

  const history = async (): Promise<Outcome> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ jobHistory(first: 1) { pageInfo { hasNextPage } } }' }),
    });
    return outcomeOf((await response.json()) as Parameters<typeof outcomeOf>[0]);
  };
  const breakers = (): Promise<Record<string, string | undefined>> => readBreakers(url);
  const broken = (failure: string, fail: () => Promise<void>, heal: () => Promise<void>): BreakerCase => ({
    breaker: 'elastic',
    backend: 'elasticsearch',
    failure,
    call: history,
    requests: () => proxy.faults.intercepted,
    fail,
    heal,
  });

  beforeAll(async () => {
    es = testDatasource('faults', { maxRetries: 0 });
    await es.ensureIndices();
    proxy = await startElasticStandIn(elasticUrl);
    const config = loadConfig({
      env: {
        JOBGRAPH_PORT: '0',
        JOBGRAPH_PLAYGROUND: 'off',
        JOBGRAPH_ELASTICSEARCH_URL: proxy.url,
        JOBGRAPH_ELASTICSEARCH_INDEX: es.index,
        JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS: String(DEADLINE_MS),
      },
    });
    const backends = createDatasources(config, {
      flux: datasetFlux(dataset),
      users: createStaticUserDatabase(dataset.users),
    });
    datasources = backends.datasources;
    server = await createServer({ config, ...backends, logger: pino({ level: 'silent' }) });
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close(1_000);
    await closeDatasources(datasources);
    await proxy.close();
    await dropDatasource(es);
  });

  test('stalled: timeouts open the breaker, which refuses without calling the node, then closes after a half-open probe', async () => {
    await expectBreakerCycle(
      broken(
        'UPSTREAM_TIMEOUT',
        async () => proxy.faults.set('stall'),
        async () => proxy.faults.set('none'),
      ),
      breakers,
      DEADLINE_MS,
    );
  }, 40_000);

  test('killed: refused connections open the breaker; it closes once the node is back', async () => {
    await expectBreakerCycle(
      broken(
        'UPSTREAM_UNAVAILABLE',
        () => proxy.faults.stop(),
        () => proxy.faults.start(),
      ),
      breakers,
      DEADLINE_MS,
    );
  }, 40_000);

  test("garbage in the node's place is UPSTREAM_ERROR (a truncated body: a broken connection), never masked", async () => {
    for (const mode of ['html', 'wrong-types', 'huge', 'truncated'] as const) {
      proxy.faults.set(mode);
      const outcome = await history();
      proxy.faults.set('none');
      expect({ mode, code: outcome.code, backend: outcome.backend }).toEqual({
        mode,
        // A truncated body is a broken connection; a huge one is refused at the cap, or hits the deadline
        // first when the machine is slow to stream 64 MiB (seen once in CI): typed either way, never masked.
        code:
          mode === 'truncated'
            ? expect.stringMatching(/^UPSTREAM_(ERROR|UNAVAILABLE)$/)
            : mode === 'huge'
              ? expect.stringMatching(/^UPSTREAM_(ERROR|TIMEOUT)$/)
              : 'UPSTREAM_ERROR',
        backend: 'elasticsearch',
      });
    }
    await expect(history()).resolves.toEqual({ code: 'ok' });
  }, 40_000);
});
