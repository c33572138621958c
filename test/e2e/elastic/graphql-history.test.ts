import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { createDatasources } from '../../../src/datasources/create-datasources';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { parseJobId } from '../../../src/datasources/flux/job-id';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { datasetFlux } from '../../fixtures/elastic/dataset-flux';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

const dataset = generateDataset({ seed: 21, jobCount: 1500, now: 1_795_400_000 });
const inactive = dataset.jobs.map((j) => j.job).filter((job) => job.state === 'INACTIVE');

interface TestGateway {
  server: GatewayServer;
  url: string;
  calls: Record<string, number>;
}

/** A gateway on port 0 over the dataset stand-in, this node (or none) and a fixed user table; counts history datasource calls. */
async function gateway(elastic: ElasticDatasource | undefined, operator = false): Promise<TestGateway> {
  const calls: Record<string, number> = {};
  const counted =
    elastic &&
    new Proxy(elastic, {
      get(target, property, receiver) {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          calls[property] = (calls[property] ?? 0) + 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  const config = loadConfig({ env: { JOBGRAPH_PLAYGROUND: 'off', JOBGRAPH_PORT: '0' } });
  const { datasources } = createDatasources(config, {
    flux: datasetFlux(dataset),
    users: createStaticUserDatabase(dataset.users),
    ...(counted ? { elastic: counted } : {}),
  });
  const server = await createServer({
    config,
    datasources,
    logger: pino({ level: 'silent' }),
    authenticate: async () => ({ user: operator ? 'flux' : 'alice', isOperator: operator, via: 'none' }),
  });
  return { server, url: `${await server.listen()}/graphql`, calls };
}

async function graphql(gw: TestGateway, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(gw.url, {
    method: 'POST',
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json' },
  });
  return (await response.json()) as {
    data?: Record<string, any>;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  };
}

test('without a cluster the history fields fail alone with UPSTREAM_UNAVAILABLE, backend elasticsearch', async () => {
  const gw = await gateway(undefined);
  const answer = await graphql(
    gw,
    '{ jobHistory(first: 1) { nodes { id } } jobAggregations(source: ELASTICSEARCH, aggs: [{ name: "q", terms: { rawField: "queue" } }]) { total } __typename }',
  );
  expect(answer.data).toEqual({ jobHistory: null, jobAggregations: null, __typename: 'Query' });
  expect(answer.errors?.map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.backend]).sort()).toEqual([
    ['jobAggregations', 'UPSTREAM_UNAVAILABLE', 'elasticsearch'],
    ['jobHistory', 'UPSTREAM_UNAVAILABLE', 'elasticsearch'],
  ]);
  await gw.server.close();
});

describeElastic('jobHistory, jobAggregations and forwardJobs over a real node', () => {
  let es: ElasticDatasource;
  beforeAll(async () => {
    es = testDatasource('graphql', { maxRetries: 0 });
  });
  afterAll(async () => dropDatasource(es));

  test('forwardJobs is for operators; an operator forwards every inactive job', async () => {
    const user = await gateway(es);
    const refused = await graphql(user, 'mutation { forwardJobs { forwarded } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await user.server.close();
    const operator = await gateway(es, true);
    const done = await graphql(operator, 'mutation { forwardJobs { forwarded since previousSince } }');
    expect(done.errors).toBeUndefined();
    expect(done.data?.forwardJobs.forwarded).toBe(inactive.length);
    expect(Date.parse(done.data?.forwardJobs.since)).toBe(
      Math.round(Math.max(...inactive.map((j) => j.tInactive as number)) * 1000),
    );
    expect(done.data?.forwardJobs.previousSince).toBeNull();
    await operator.server.close();
    await es.refresh();
  });

  test('jobHistory filters, sorts and pages through every matching job', async () => {
    const gw = await gateway(es);
    const queue = inactive[0]?.queue as string;
    const expected = inactive
      .filter((j) => j.queue === queue && j.result === 'COMPLETED')
      .sort((a, b) => (b.tRun ?? 0) - (a.tRun ?? 0) || (a.id < b.id ? 1 : -1));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const answer = await graphql(
        gw,
        'query($q: [String!], $after: String) { jobHistory(filter: { queues: $q, results: [COMPLETED] }, sort: [{ field: startedAt, order: DESC }], first: 40, after: $after) { totalCount totalCountNote edges { cursor node { id queue result startedAt } } pageInfo { hasNextPage endCursor } } }',
        { q: [queue], after },
      );
      expect(answer.errors).toBeUndefined();
      const page = answer.data?.jobHistory;
      // totalCount (issue 17) counts every matching job on every page, not the page.
      expect([page.totalCount, page.totalCountNote]).toEqual([expected.length, null]);
      seen.push(...page.edges.map((edge: any) => String(parseJobId(edge.node.id))));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expected.map((j) => String(j.id)));
    await gw.server.close();
  });

  test('all jobAggregations fields with one filter are one _search; each keeps its names and gets shares', async () => {
    const gw = await gateway(es);
    const answer = await graphql(
      gw,
      `{ a: jobAggregations(source: ELASTICSEARCH, filter: { results: [FAILED] }, aggs: [{ name: "q", terms: { rawField: "queue", size: 20 } }]) { total aggregations { name buckets { key docCount share } } }
         b: jobAggregations(source: ELASTICSEARCH, filter: { results: [FAILED] }, aggs: [{ name: "q", metric: { rawField: "runtimeSeconds", op: MAX } }, { name: "n", filter: { rawField: "queue", value: "${inactive[0]?.queue}" } }]) { total aggregations { name kind value docCount } }
         c: jobAggregations(source: ELASTICSEARCH, aggs: [{ name: "bad", metric: { rawField: "queue", op: AVG } }]) { total } }`,
    );
    expect(gw.calls.aggregate).toBe(2);
    const failed = inactive.filter((j) => j.result === 'FAILED');
    expect(answer.data?.a.total).toBe(failed.length);
    const buckets = answer.data?.a.aggregations[0].buckets as Array<{ key: string; docCount: number; share: number }>;
    expect(buckets.reduce((sum, b) => sum + b.docCount, 0)).toBe(failed.filter((j) => j.queue).length);
    expect(buckets[0]?.share).toBeCloseTo((buckets[0]?.docCount ?? 0) / failed.length, 12);
    expect(answer.data?.b.aggregations.map((a: any) => a.name)).toEqual(['q', 'n']);
    expect(answer.data?.b.aggregations[1].docCount).toBe(failed.filter((j) => j.queue === inactive[0]?.queue).length);
    expect(answer.data?.c).toBeNull();
    expect(answer.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['c', 'BAD_USER_INPUT']]);
    await gw.server.close();
  });
});
