import pino from 'pino';
import { version } from '../../../package.json';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { expectedJobs } from '../../fixtures/jobs-aggs/expected-aggregations';

const dataset = generateDataset({ seed: 3, jobCount: 1200, now: Date.UTC(2025, 2, 7, 9, 30) / 1000 });
const toMs = dataset.now * 1000;
const fromMs = toMs - 30 * 86_400_000;
const window = `{ from: "${new Date(fromMs).toISOString()}", to: "${new Date(toMs).toISOString()}" }`;
const fields = 'total aggregations { name kind docCount buckets { key keyAsString keyAsDate docCount share } }';

interface GraphQLAnswer {
  data?: Record<
    string,
    {
      total: number;
      aggregations: Array<{
        name: string;
        kind: string;
        docCount: number | null;
        buckets: Array<Record<string, unknown>> | null;
      }>;
    } | null
  >;
  errors?: Array<{ message: string; path: string[]; extensions: Record<string, unknown> }>;
}

describe('jobAggregations(source: JOBS_API) through the gateway', () => {
  let sim: JobsAggsSimulator;
  let datasources: Datasources;
  let server: GatewayServer;
  let url: string;
  const query = async (text: string): Promise<GraphQLAnswer> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: text }),
    });
    return (await response.json()) as GraphQLAnswer;
  };

  beforeAll(async () => {
    sim = await startJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    const config = loadConfig({
      env: {
        JOBGRAPH_PORT: '0',
        JOBGRAPH_PLAYGROUND: 'off',
        JOBGRAPH_JOBS_API_URL: sim.url,
        JOBGRAPH_JOBS_API_TOKEN_URL: sim.tokenUrl,
        JOBGRAPH_JOBS_API_CLIENT_ID: sim.clientId,
        JOBGRAPH_JOBS_API_CLIENT_SECRET: sim.clientSecret,
      },
    });
    ({ datasources } = createDatasources(config));
    server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
    url = await server.listen();
  });
  afterAll(async () => {
    await server.close();
    await closeDatasources(datasources);
    await sim.close();
  });

  it("identifies itself to the API with jobgraph's version in User-Agent (token and aggs requests)", async () => {
    const answer = await query(
      '{ jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }',
    );
    expect(answer.errors).toBeUndefined();
    const agents = sim.userAgents();
    expect(agents.length).toBeGreaterThanOrEqual(2);
    for (const agent of agents) expect(agent).toBe(`jobgraph/${version} (node ${process.version})`);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain(`\njobgraph_jobs_api_daily_remaining ${1000 - sim.stats().aggsRequests}\n`);
  });

  it('answers 5 aggregations in two fields with one API request, matching the dataset; other sources fail alone', async () => {
    const before = sim.stats().aggsRequests;
    const answer = await query(`{
      a: jobAggregations(source: JOBS_API, filter: ${window}, aggs: [
        { name: "byState", terms: { rawField: "job.state", size: 20 } },
        { name: "perDay", dateHistogram: { rawField: "@timestamp", fixedInterval: "1d" } },
        { name: "failed", filter: { rawField: "job.state", value: "FAILED" } } ]) { ${fields} }
      b: jobAggregations(source: JOBS_API, filter: ${window}, aggs: [
        { name: "byState", terms: { rawField: "job.state", size: 20 } },
        { name: "nodes", terms: { rawField: "job.nnodes" } },
        { name: "users", terms: { rawField: "job.user", size: 3 } } ]) { ${fields} }
      es: jobAggregations(source: ELASTICSEARCH, aggs: [{ name: "s", terms: { rawField: "state" } }]) { total }
      bad: jobAggregations(source: JOBS_API, aggs: [{ name: "r", range: { rawField: "job.nnodes", ranges: [{ to: 2 }] } }]) { total }
      two: jobAggregations(source: JOBS_API, aggs: [{ name: "t", terms: { rawField: "job.state" }, filter: { rawField: "job.state", value: "FAILED" } }]) { total }
    }`);
    expect(sim.stats().aggsRequests - before).toBe(1);
    expect(Object.keys((sim.aggsBodies().at(-1) as { aggs: object }).aggs)).toHaveLength(5);

    const expected = expectedJobs(dataset, fromMs, toMs);
    const a = answer.data?.['a'];
    expect(a?.total).toBe(expected.total);
    const byState = a?.aggregations[0]?.buckets ?? [];
    expect(byState.map((b) => [b['key'], b['docCount']])).toEqual(
      [...expected.byState.entries()].sort(([ka, x], [kb, y]) => y - x || (ka < kb ? -1 : 1)),
    );
    for (const bucket of byState)
      expect(bucket['share']).toBeCloseTo((bucket['docCount'] as number) / expected.total, 12);
    expect(byState[0]).toMatchObject({ keyAsString: null, keyAsDate: null });
    const day = a?.aggregations[1]?.buckets?.[0];
    expect(day?.['keyAsDate']).toBe(new Date(Number(day?.['key'])).toISOString());
    expect(day?.['keyAsString']).toBe(day?.['keyAsDate']);
    expect(a?.aggregations[2]).toMatchObject({
      name: 'failed',
      kind: 'FILTER',
      docCount: expected.byState.get('FAILED') ?? 0,
      buckets: null,
    });
    expect(answer.data?.['b']?.aggregations.map((x) => x.name)).toEqual(['byState', 'nodes', 'users']);
    expect(answer.data?.['b']?.aggregations[0]).toEqual(a?.aggregations[0]);

    const errors = Object.fromEntries((answer.errors ?? []).map((e) => [e.path[0], e]));
    expect(answer.data?.['es']).toBeNull();
    expect(errors['es']?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: 'elasticsearch' });
    expect(errors['bad']).toMatchObject({
      message: 'aggregation kind RANGE is not supported by source JOBS_API (supported: TERMS, DATE_HISTOGRAM, FILTER)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(errors['two']?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('reports the upstream detail of a vendor error with its code and backend', async () => {
    const answer = await query(
      `{ jobAggregations(source: JOBS_API, filter: { application: "nope" }, aggs: [{ name: "s", terms: { rawField: "job.state" } }]) { total } }`,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      backend: 'jobs-aggs',
      upstreamStatus: 400,
      detail: 'Invalid application type. Must be one of: atr, klewer, eventops, quasar',
    });
  });
});
