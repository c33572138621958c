import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';
import { startElasticStandIn } from '../../support/elastic-stand-in';
import type { ElasticStandIn } from '../../support/elastic-stand-in';
import { expectBreakerCycle, outcomeOf } from '../../support/breaker-cycle';
import type { BreakerCase, Outcome } from '../../support/breaker-cycle';

const DEADLINE_MS = 800;

describe('every backend has a circuit breaker that opens on repeated failures and closes after a half-open probe', () => {
  const dataset = generateDataset({ seed: 5, jobCount: 300 });
  let gw: AllBackendsGateway;
  let elastic: ElasticStandIn;
  let reportKey: string;

  const graphql = async (query: string): Promise<Outcome> => outcomeOf(await gw.query(query));
  /** How each backend is broken: the HTTP ones stall (every call meets its deadline), the report filesystem fails with EIO. */
  const cases: Record<string, BreakerCase> = {
    elog: {
      breaker: 'elog',
      backend: 'elog',
      call: () => graphql(`{ experiment(name: "${gw.experiment}") { name } }`),
      failure: 'UPSTREAM_TIMEOUT',
      requests: () => gw.elog.faults.intercepted,
      fail: async () => gw.elog.faults.set('stall'),
      heal: async () => gw.elog.faults.set('none'),
    },
    'elog writes': {
      breaker: 'elogWrites',
      backend: 'elog',
      call: () =>
        graphql(
          `mutation { postElogMessage(input: { experiment: "${gw.experiment}", text: "breaker probe" }) { id } }`,
        ),
      failure: 'UPSTREAM_TIMEOUT',
      requests: () => gw.elog.faults.intercepted,
      fail: async () => gw.elog.faults.set('stall'),
      heal: async () => gw.elog.faults.set('none'),
    },
    'jobs/aggs': {
      breaker: 'jobsAggs',
      backend: 'jobs-aggs',
      call: () =>
        graphql(
          '{ jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }',
        ),
      failure: 'UPSTREAM_TIMEOUT',
      requests: () => gw.jobsAggs.faults.intercepted,
      fail: async () => gw.jobsAggs.faults.set('stall'),
      heal: async () => gw.jobsAggs.faults.set('none'),
    },
    elasticsearch: {
      breaker: 'elastic',
      backend: 'elasticsearch',
      call: () => graphql('{ jobHistory(first: 1) { pageInfo { hasNextPage } } }'),
      failure: 'UPSTREAM_TIMEOUT',
      requests: () => elastic.faults.intercepted,
      fail: async () => elastic.faults.set('stall'),
      heal: async () => elastic.faults.set('none'),
    },
    sciagraph: {
      breaker: 'sciagraph',
      backend: 'sciagraph',
      async call() {
        const response = await fetch(`${gw.url}/reports/${reportKey}/`);
        await response.arrayBuffer();
        if (response.status === 200) return { code: 'ok' };
        return {
          code:
            response.status === 504
              ? 'UPSTREAM_TIMEOUT'
              : response.status === 503
                ? 'UPSTREAM_UNAVAILABLE'
                : `HTTP ${response.status}`,
          backend: 'sciagraph',
        };
      },
      failure: 'UPSTREAM_UNAVAILABLE',
      requests: () => gw.reportFs.faulted,
      fail: async () => void (gw.reportFs.fault = 'eio'),
      heal: async () => void (gw.reportFs.fault = 'none'),
    },
  };

  beforeAll(async () => {
    elastic = await startElasticStandIn();
    gw = await startAllBackendsGateway(dataset, DEADLINE_MS, {
      JOBGRAPH_ELASTICSEARCH_URL: elastic.url,
      JOBGRAPH_ELASTICSEARCH_TIMEOUT_MS: String(DEADLINE_MS),
    });
    const first = gw.datasources.sciagraph?.iterateReports({}).next();
    reportKey = first && !first.done ? first.value.reportKey : '';
  });
  afterAll(async () => {
    await gw.close();
    await elastic.close();
  });

  it.each(Object.keys(cases))(
    '%s',
    async (name) => {
      const c = cases[name];
      if (!c) throw new Error(name);
      await expectBreakerCycle(c, () => gw.breakers(), DEADLINE_MS);
      // eLog reads and writes break apart: slow posts must not pause reads, nor the reverse.
      if (name === 'elog writes') expect((await gw.breakers()).elog).toBe('closed');
    },
    40_000,
  );
});
