import pino from 'pino';
import { loadConfig } from '../../../src/config';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import type { JobDocument } from '../../../src/datasources/elastic/job-document';
import { createStaticUserDatabase } from '../../../src/datasources/users/static-user-database';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR, forbiddenPaths, jwtCallers, proxyHeaderCallers } from '../../support/test-callers';
import type { TestCallers } from '../../support/test-callers';
import { describeElastic, dropDatasource, testDatasource } from './elastic-test-env';

/**
 * Issue 10 §2 on the paths that go through job history: jobHistory and ElogRun.jobs serve every
 * caller the job-list fields and only owners and operators the details; forwardJobs is for
 * operators; the forwarder stores no environment variable outside its allow-list.
 */
const dataset = generateDataset({ seed: 23, jobCount: 600, now: 1_795_400_000 });
const DETAILS = 'eventlog { name } jobspec { command } environment';
type Role = 'owner' | 'other' | 'operator';
type DetailNode = {
  id: string;
  userId: number;
  name: string | null;
  eventlog: unknown;
  jobspec: unknown;
  environment: unknown;
};

/** Checks a list of jobs seen by `role`: details exactly where allowed, FORBIDDEN at each refused path (`prefix.i.field`). */
function expectDetailsAsAllowed(
  body: GraphQLBody<any>,
  nodes: DetailNode[],
  prefix: string,
  visible: (uid: number) => boolean,
): void {
  for (const node of nodes) {
    expect(node.name).not.toBeUndefined();
    for (const field of ['eventlog', 'jobspec', 'environment'] as const)
      expect([node.id, field, node[field] !== null]).toEqual([node.id, field, visible(node.userId)]);
  }
  const expected = nodes
    .flatMap((n, i) =>
      visible(n.userId) ? [] : ['environment', 'eventlog', 'jobspec'].map((f) => `${prefix}.${i}.${f}`),
    )
    .sort();
  expect(forbiddenPaths(body)).toEqual(expected);
}

describeElastic.each([['proxy-header'], ['jwt']])('job history access with %s callers over a real node', (mode) => {
  let es: ElasticDatasource;
  let flux: FluxSimulator;
  let elog: ElogSimulator;
  let datasources: Datasources;
  let server: GatewayServer;
  let callers: TestCallers;
  let url: string;
  const uidOf = (name: string): number | undefined => dataset.users.find((u) => u.name === name)?.uid;

  const gql = async (as: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<any>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(as)) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody<any>;
  };

  /** An owner with forwarded jobs, and another user with forwarded jobs of their own (so each sees a mix). */
  let users: Record<Role, string>;
  /** A run with jobs of several users, for ElogRun.jobs. */
  let run: { experiment: string; number: number };

  beforeAll(async () => {
    callers = mode === 'jwt' ? await jwtCallers() : proxyHeaderCallers();
    es = testDatasource(`access-${mode}`, { maxRetries: 0 });
    flux = await startFluxSimulator({ dataset });
    elog = await startElogSimulator({ dataset });
    // Default forwarder settings: the environment allow-list is EXPERIMENT, RUN_NUM.
    const config = loadConfig({
      env: {
        JOBGRAPH_PORT: '0',
        JOBGRAPH_PLAYGROUND: 'off',
        FLUX_URI: flux.uri,
        JOBGRAPH_ELOG_URL: elog.url,
        ...callers.env,
      },
    });
    ({ datasources } = createDatasources(config, { elastic: es, users: createStaticUserDatabase(dataset.users) }));
    server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
    url = `${await server.listen()}/graphql`;
    const inactive = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
    const byRun = new Map<string, Set<number>>();
    for (const j of inactive)
      if (j.experiment && j.run !== undefined)
        byRun.set(`${j.experiment}/${j.run}`, (byRun.get(`${j.experiment}/${j.run}`) ?? new Set()).add(j.job.userId));
    const [key, uids] = [...byRun].sort((a, b) => b[1].size - a[1].size)[0] ?? [];
    if (!key || !uids || uids.size < 2) throw new Error('dataset has no run processed by two users');
    const [experiment, number] = key.split('/') as [string, string];
    run = { experiment, number: Number(number) };
    const [ownerUid, otherUid] = [...uids] as [number, number];
    users = {
      owner: dataset.users.find((u) => u.uid === ownerUid)?.name as string,
      other: dataset.users.find((u) => u.uid === otherUid)?.name as string,
      operator: TEST_OPERATOR,
    };
  });
  afterAll(async () => {
    await server.close(1000);
    await closeDatasources({ ...datasources, elastic: undefined });
    await dropDatasource(es);
    await flux.close();
    await elog.close();
  });

  test('forwardJobs is refused to owner and other user before anything is written; the operator forwards', async () => {
    for (const role of ['owner', 'other'] as const) {
      const refused = await gql(users[role], 'mutation { forwardJobs { forwarded } }');
      expect([role, refused.errors?.[0]?.extensions]).toEqual([role, { code: 'FORBIDDEN', action: 'forwardJobs' }]);
      expect(refused.data).toBeNull();
    }
    expect(await es.client.indices.exists({ index: es.index })).toBe(false);
    const done = await gql(users.operator, 'mutation { forwardJobs { forwarded } }');
    expect(done.errors).toBeUndefined();
    expect(done.data?.forwardJobs.forwarded).toBe(dataset.jobs.filter((j) => j.job.state === 'INACTIVE').length);
    await es.refresh();
  });

  test('the forwarder stored only the allow-listed environment variables (EXPERIMENT, RUN_NUM), and jobspecs without environment', async () => {
    const hits = (await es.client.search<JobDocument>({ index: es.index, size: 10_000, query: { match_all: {} } })).hits
      .hits;
    expect(hits.length).toBe(dataset.jobs.filter((j) => j.job.state === 'INACTIVE').length);
    const submitted = new Set(dataset.jobs.flatMap((j) => Object.keys(j.environment)));
    expect([...submitted].filter((name) => !['EXPERIMENT', 'RUN_NUM'].includes(name)).length).toBeGreaterThan(0);
    const stored = new Set(hits.flatMap((hit) => Object.keys(hit._source?.environment ?? {})));
    expect([...stored].sort()).toEqual(['EXPERIMENT', 'RUN_NUM']);
    for (const hit of hits) {
      const system = (hit._source?.jobspec?.['attributes'] as { system?: Record<string, unknown> } | undefined)?.system;
      expect([hit._id, system !== undefined && 'environment' in system && system['environment'] !== undefined]).toEqual(
        [hit._id, false],
      );
    }
    const raw = JSON.stringify(hits.map((h) => h._source));
    expect(raw).not.toMatch(/"HOME"|"PATH"/);
  });

  test.each<Role>(['owner', 'other', 'operator'])(
    'jobHistory: %s sees details of exactly the jobs they may',
    async (role) => {
      const body = await gql(users[role], `{ jobHistory(first: 300) { nodes { id userId name ${DETAILS} } } }`);
      const nodes = body.data?.jobHistory.nodes as DetailNode[];
      expect(nodes).toHaveLength(300);
      const visible = (uid: number): boolean => role === 'operator' || uid === uidOf(users[role]);
      expect([nodes.some((n) => visible(n.userId)), nodes.some((n) => !visible(n.userId))]).toEqual([
        true,
        role !== 'operator',
      ]);
      expectDetailsAsAllowed(body, nodes, 'jobHistory.nodes', visible);
    },
  );

  test.each<Role>(['owner', 'other', 'operator'])(
    'elogRun.jobs: %s sees details of exactly the jobs they may',
    async (role) => {
      const body = await gql(
        users[role],
        `query($e: String!, $r: Int!) { elogRun(experiment: $e, run: $r) { number jobs(first: 100) { nodes { id userId name ${DETAILS} } } } }`,
        { e: run.experiment, r: run.number },
      );
      expect(body.data?.elogRun.number).toBe(run.number);
      const nodes = body.data?.elogRun.jobs.nodes as DetailNode[];
      expect(new Set(nodes.map((n) => n.userId)).size).toBeGreaterThan(1);
      const visible = (uid: number): boolean => role === 'operator' || uid === uidOf(users[role]);
      expectDetailsAsAllowed(body, nodes, 'elogRun.jobs.nodes', visible);
    },
  );
});
