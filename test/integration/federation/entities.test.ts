import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import { startGatewayHarness } from '../../support/gateway-harness';
import type { GraphQLBody } from '../../support/gateway-harness';
import { startProfiledGateway } from '../../support/profiled-gateway';
import type { ProfiledGateway } from '../../support/profiled-gateway';
import { TEST_OPERATOR, forbiddenPaths, proxyHeaderCallers } from '../../support/test-callers';
import { tempDir } from '../../fixtures/sciagraph/sciagraph-test-kit';

/**
 * Issue 16 §1: jobgraph as a Federation v2 subgraph (JOBGRAPH_FEDERATION=on). `_entities` resolves
 * references through the request's loaders (N references cost what N fields of one query cost,
 * counted from the request log) and under the same visibility rules as every other path.
 */
const dataset = generateDataset({ seed: 23, jobCount: 300, now: 1_760_000_000 });
const callers = proxyHeaderCallers();
const JOB_FIELDS = 'id name userName state';
const ENTITIES = `query Entities($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Job { ${JOB_FIELDS} }
  ... on Experiment { experimentName: name instrument runs(first: 3) { number } }
  ... on ElogRun { experiment number beginTime }
  ... on ProfileReport { reportId: id jobId durationMs job { id } }
} }`;

describe('jobgraph as a Federation v2 subgraph', () => {
  let elog: ElogSimulator;
  let gw: ProfiledGateway;
  let removeDir: () => Promise<void>;

  const gql = async (as: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<any>> => {
    const response = await fetch(`${gw.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(as)) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody<any>;
  };
  const callsOf = (operationName: string): Record<string, number> => {
    const line = [...gw.logs].reverse().find((l) => l['operationName'] === operationName);
    return (line?.['backendCalls'] ?? {}) as Record<string, number>;
  };

  beforeAll(async () => {
    const dir = await tempDir('jobgraph-federation-');
    removeDir = dir.remove;
    elog = await startElogSimulator({ dataset });
    const passwordFile = join(dir.path, 'opr');
    await writeFile(passwordFile, `${elog.operatorPassword}\n`);
    gw = await startProfiledGateway(dataset, {
      seed: 23,
      env: {
        JOBGRAPH_FEDERATION: 'on',
        JOBGRAPH_ELOG_URL: elog.url,
        JOBGRAPH_ELOG_AUTH: 'basic',
        JOBGRAPH_ELOG_OPR_PASSWORD_FILE: passwordFile,
        ...callers.env,
      },
    });
  });
  afterAll(async () => {
    await gw?.close();
    await elog?.close();
    await removeDir?.();
  });

  it('answers _service { sdl } with the committed subgraph.graphql', async () => {
    const body = await gql(TEST_OPERATOR, '{ _service { sdl } }');
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'subgraph.graphql'), 'utf8');
    expect(body.errors).toBeUndefined();
    expect(committed).toContain(body.data?._service.sdl);
    expect(body.data?._service.sdl).toContain('type Job @key(fields: "id")');
  });

  it('N job references in one _entities cost the backend calls of N job fields in one query', async () => {
    const jobs = dataset.jobs.slice(-15).map((j) => j.job);
    const representations = jobs.map((j) => ({ __typename: 'Job', id: formatJobId(j.id) }));
    const entities = await gql(TEST_OPERATOR, ENTITIES, { representations });
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities.map((e: { id: string }) => e.id)).toEqual(representations.map((r) => r.id));
    const aliases = jobs.map((j, i) => `j${i}: job(id: "${formatJobId(j.id)}") { ${JOB_FIELDS} }`).join('\n');
    const direct = await gql(TEST_OPERATOR, `query Direct { ${aliases} }`);
    expect(direct.errors).toBeUndefined();
    expect(jobs.map((_, i) => direct.data?.[`j${i}`])).toEqual(
      entities.data?._entities.map(({ __typename, ...job }: Record<string, unknown>) => (void __typename, job)),
    );
    expect(callsOf('Entities')).toEqual(callsOf('Direct'));
    expect(callsOf('Entities')['flux.getJob']).toBe(jobs.length);
  });

  it('experiment and run references batch through the eLog loaders like fields of one query do', async () => {
    // The gateway reads the eLog as the hutches' operator accounts: their active experiments.
    const experiments = dataset.experiments
      .filter((e) => e.isActive && e.station === 0 && e.runs.length > 0)
      .slice(0, 4);
    expect(experiments.length).toBeGreaterThan(1);
    const representations = experiments.flatMap((e) => [
      { __typename: 'Experiment', name: e.name },
      ...e.runs.slice(0, 2).map((r) => ({ __typename: 'ElogRun', experiment: e.name, number: r.number })),
    ]);
    const entities = await gql(TEST_OPERATOR, ENTITIES, { representations });
    expect(entities.errors).toBeUndefined();
    expect(entities.data?._entities.map((e: { __typename: string }) => e.__typename)).toEqual(
      representations.map((r) => r.__typename),
    );
    const aliases = experiments
      .map(
        (e, i) =>
          `e${i}: experiment(name: "${e.name}") { name instrument runs(first: 3) { number } }\n` +
          e.runs
            .slice(0, 2)
            .map(
              (r, k) =>
                `r${i}_${k}: elogRun(experiment: "${e.name}", run: ${r.number}) { experiment number beginTime }`,
            )
            .join('\n'),
      )
      .join('\n');
    const direct = await gql(TEST_OPERATOR, `query DirectElog { ${aliases} }`);
    expect(direct.errors).toBeUndefined();
    expect(callsOf('Entities')).toEqual(callsOf('DirectElog'));
    const runsCalls = callsOf('Entities')['elog.runs'] ?? 0;
    expect(runsCalls).toBe(experiments.length);
  });

  it('a report by its id; unknown keys resolve to null, a malformed key is BAD_USER_INPUT', async () => {
    const report = gw.written.reports.find((r) => r.fluxId !== undefined);
    const found = await gql(TEST_OPERATOR, 'query($id: String!) { profileReport(jobId: $id) { id jobId } }', {
      id: formatJobId(report?.fluxId as bigint),
    });
    const id = found.data?.profileReport.id as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const body = await gql(TEST_OPERATOR, ENTITIES, {
      representations: [
        { __typename: 'ProfileReport', id },
        { __typename: 'ProfileReport', id: 'no-such-report' },
        { __typename: 'Job', id: formatJobId((1n << 64n) - 2n) },
      ],
    });
    expect(body.errors).toBeUndefined();
    expect(body.data?._entities).toEqual([
      expect.objectContaining({
        reportId: id,
        jobId: found.data?.profileReport.jobId,
        job: { id: found.data?.profileReport.jobId },
      }),
      null,
      null,
    ]);
    const bad = await gql(TEST_OPERATOR, ENTITIES, { representations: [{ __typename: 'Job', id: 'not-a-job-id' }] });
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it("another user's job through _entities: FORBIDDEN on its detail fields, the rest served", async () => {
    const owned = dataset.jobs.find((j) =>
      dataset.users.some((u) => u.uid === j.job.userId && u.uid !== dataset.ownerUid),
    );
    const ownerName = dataset.users.find((u) => u.uid === owned?.job.userId)?.name as string;
    const other = dataset.users.find((u) => u.uid !== owned?.job.userId && u.uid !== dataset.ownerUid)?.name as string;
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Job { id userName eventlog { name } jobspec { command } environment } } }`;
    const representations = [{ __typename: 'Job', id: formatJobId(owned?.job.id as bigint) }];
    const asOther = await gql(other, query, { representations });
    expect(asOther.data?._entities[0]).toMatchObject({ id: representations[0]?.id, userName: ownerName });
    expect(asOther.data?._entities[0]).toMatchObject({ eventlog: null, jobspec: null, environment: null });
    expect(forbiddenPaths(asOther)).toEqual(['_entities.0.environment', '_entities.0.eventlog', '_entities.0.jobspec']);
    const asOwner = await gql(ownerName, query, { representations });
    expect(asOwner.errors).toBeUndefined();
    expect(asOwner.data?._entities[0].eventlog.length).toBeGreaterThan(0);
  });
});

describe('standalone (JOBGRAPH_FEDERATION unset)', () => {
  it('serves schema.graphql exactly: no _service, no _entities', async () => {
    const gw = await startGatewayHarness(dataset);
    try {
      const { body } = await gw.query('{ _service { sdl } }');
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const typename = await gw.query('{ __type(name: "_Entity") { name } }');
      expect(typename.body.data).toEqual({ __type: null });
    } finally {
      await gw.close();
    }
  });
});
