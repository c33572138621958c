import { request } from 'node:http';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../../src/config';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { closeDatasources, createDatasources } from '../../../src/datasources/create-datasources';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { SciagraphDatasource } from '../../../src/datasources/sciagraph/sciagraph-datasource';
import { createServer } from '../../../src/server/create-server';
import type { GatewayServer } from '../../../src/server/create-server';
import { generateDataset } from '../../../src/simulators/dataset';
import { UNKNOWN_FLUX_JOB_ID } from '../../support/sciagraph-faults.writer';
import { writeReportsWithFaults } from '../../support/sciagraph-faults.writer';
import type { WrittenReportsWithFaults } from '../../support/sciagraph-faults.writer';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { captureLogger, tempDir } from '../../fixtures/sciagraph/sciagraph-test-kit';

type GqlResponse = {
  data?: Record<string, any>;
  errors?: Array<{ message: string; path?: string[]; extensions?: { code?: string } }>;
};

describe('Sciagraph reports in the GraphQL schema', () => {
  const dataset = generateDataset({ seed: 11, jobCount: 600, now: 1_760_000_000 });
  let flux: FluxSimulator;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let written: WrittenReportsWithFaults;
  let sciagraph: SciagraphDatasource;
  let server: GatewayServer;
  let datasources: Datasources;
  let base: string;
  const gql = async (query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse> => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResponse;
  };

  beforeAll(async () => {
    dir = await tempDir('sciagraph-gql-');
    written = await writeReportsWithFaults({ root: join(dir.path, 'reports'), dataset, faults: true, seed: 11 });
    flux = await startFluxSimulator({ dataset });
    const config = loadConfig({ env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', FLUX_URI: flux.uri } });
    sciagraph = await SciagraphDatasource.start({
      roots: [join(dir.path, 'reports')],
      watch: 'poll',
      rescanSeconds: 3600,
      logger: captureLogger().logger,
      now: () => dataset.now * 1000,
    });
    ({ datasources } = createDatasources(config, { sciagraph }));
    server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
    base = await server.listen();
  });
  afterAll(async () => {
    await server.close(1000);
    await closeDatasources(datasources);
    await flux.close();
    await dir.remove();
  });

  it('Job.profile for 100 jobs in one request costs one index lookup, and joins the right reports', async () => {
    const before = sciagraph.lookupCount();
    const response = await gql('{ jobs(first: 100) { nodes { id profile { jobId peakMemoryKiB startedAt } } } }');
    expect(response.errors).toBeUndefined();
    expect(sciagraph.lookupCount() - before).toBe(1);
    const nodes = response.data?.jobs.nodes as Array<{ id: string; profile: { jobId: string } | null }>;
    expect(nodes).toHaveLength(100);
    const profiled = new Set(
      written.reports.filter((r) => r.fluxId !== undefined).map((r) => formatJobId(r.fluxId as bigint)),
    );
    for (const job of nodes) expect(job.profile?.jobId ?? null).toBe(profiled.has(job.id) ? job.id : null);
    expect(nodes.filter((job) => job.profile !== null).length).toBeGreaterThan(0);
  });

  it('ProfileReport.job resolves the Flux job, and is null for unknown and text ids', async () => {
    const report = written.reports.find((r) => r.fluxId !== undefined && r.hasSidecar);
    const id = report?.fluxId as bigint;
    const job = dataset.jobs.find((j) => j.job.id === id)?.job;
    const text = written.reports.find((r) => r.fluxId === undefined);
    const response = await gql(
      `query($a: String!, $b: String!, $c: String!) {
      a: profileReport(jobId: $a) { jobId job { id name } reportUrl peakMemorySvgUrl durationMs downloadInstructions { downloadKey command } }
      b: profileReport(jobId: $b) { jobId job { id } }
      c: profileReport(jobId: $c) { jobId job { id } }
      none: profileReport(jobId: "12345") { jobId }
    }`,
      { a: formatJobId(id, 'kvs'), b: UNKNOWN_FLUX_JOB_ID, c: text?.rawId ?? 'nightly-etl-none' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.a).toMatchObject({
      jobId: formatJobId(id),
      job: { id: formatJobId(id), name: job?.name ?? null },
    });
    expect(response.data?.a.reportUrl).toMatch(/^\/reports\/[A-Za-z0-9_-]{22}\/index\.html$/);
    expect(response.data?.a.downloadInstructions.command).toMatch(
      /^python -m sciagraph_report download [0-9a-f-]{36} \S{52}$/,
    );
    expect(response.data?.b).toEqual({ jobId: UNKNOWN_FLUX_JOB_ID, job: null });
    if (text) expect(response.data?.c).toEqual({ jobId: text.rawId, job: null });
    expect(response.data?.none).toBeNull();
    const page = await fetch(`${base}${response.data?.a.reportUrl as string}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('peak-memory.svg');
  });

  it('answers a /reports URL with bad percent-encoding 404 like every other refused path (contract §9), other bad URLs 400', async () => {
    const key =
      sciagraph.findByJobKeys([(written.reports[0]?.fluxId ?? 0n).toString()])[0]?.reportKey ?? 'A'.repeat(22);
    const send = (path: string) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
        const req = request(`${base}${path}`, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of [`/reports/${key}/%E0%A4%A`, `/reports/%zz/index.html`, `/reports/${key}/%`]) {
      const response = await send(path);
      expect([path, response.status, response.body]).toEqual([path, 404, 'Not Found']);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['content-security-policy']).toMatch(/^sandbox allow-scripts/);
    }
    const elsewhere = await send('/healthz%E0%A4%A');
    expect(elsewhere.status).toBe(400);
    expect(JSON.parse(elsewhere.body)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('profileReports pages newest first with stable cursors and filters', async () => {
    const all: Array<{ startedAt: string; peakMemoryKiB: number }> = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard += 1) {
      const response: GqlResponse = await gql(
        'query($after: String) { profileReports(first: 40, after: $after) { nodes { startedAt peakMemoryKiB } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      const page = response.data?.profileReports;
      all.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(all).toHaveLength(sciagraph.size);
    expect(all.map((r) => r.startedAt)).toEqual([...all.map((r) => r.startedAt)].sort().reverse());
    const big = await gql(
      '{ profileReports(first: 500, filter: { minPeakMemoryKiB: 4194304 }) { nodes { peakMemoryKiB } } }',
    );
    expect(big.data?.profileReports.nodes.length).toBe(all.filter((r) => r.peakMemoryKiB >= 4194304).length);
    const named = dataset.jobs.find((j) => written.reports.some((r) => r.fluxId === j.job.id) && j.job.name)?.job;
    const byName = await gql(
      'query($name: String!) { profileReports(first: 500, filter: { jobName: $name }) { nodes { job { name } } } }',
      { name: named?.name },
    );
    expect(byName.data?.profileReports.nodes.length).toBeGreaterThan(0);
    expect(byName.data?.profileReports.nodes.every((n: { job: { name: string } }) => n.job.name === named?.name)).toBe(
      true,
    );
    const bad = await gql('{ profileReports(after: "garbage") { nodes { jobId } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("profileReports filters by the jobs' users and experiments (issue 17 item 4)", async () => {
    const byId = new Map(dataset.jobs.map((j) => [j.job.id, j]));
    const known = written.reports.filter((r) => r.fluxId !== undefined && byId.has(r.fluxId));
    const experimentOf = (id: bigint): string | undefined => {
      const job = byId.get(id);
      const user = (job?.jobspec.attributes as { user?: { experiment?: string } } | undefined)?.user;
      return user?.experiment ?? job?.environment['EXPERIMENT'];
    };
    const uid = byId.get(known[0]?.fluxId as bigint)?.job.userId as number;
    const ofUser = known.filter((r) => byId.get(r.fluxId as bigint)?.job.userId === uid);
    const users = await gql(
      'query($u: [String!]) { profileReports(first: 500, filter: { users: $u }) { nodes { jobId job { userId } } } }',
      { u: [String(uid)] },
    );
    expect(users.errors).toBeUndefined();
    expect(users.data?.profileReports.nodes.length).toBe(ofUser.length);
    expect(users.data?.profileReports.nodes.every((n: { job: { userId: number } }) => n.job.userId === uid)).toBe(true);

    const experiment = known.map((r) => experimentOf(r.fluxId as bigint)).find((e) => e !== undefined) as string;
    const ofExperiment = known.filter((r) => experimentOf(r.fluxId as bigint) === experiment);
    const experiments = await gql(
      'query($e: [String!]) { profileReports(first: 500, filter: { experiments: $e }) { nodes { jobId job { elogRun { experiment } } } } }',
      { e: [experiment] },
    );
    expect(experiments.data?.profileReports.nodes.map((n: { jobId: string }) => n.jobId).sort()).toEqual(
      ofExperiment.map((r) => formatJobId(r.fluxId as bigint)).sort(),
    );
    expect(ofExperiment.length).toBeGreaterThan(0);
    const both = await gql(
      'query($u: [String!], $e: [String!]) { profileReports(first: 500, filter: { users: $u, experiments: $e }) { nodes { jobId } } }',
      { u: [String(uid)], e: [experiment] },
    );
    expect(both.data?.profileReports.nodes.length).toBe(ofExperiment.filter((r) => ofUser.includes(r)).length);
    const runOf = (id: bigint): number | undefined => {
      const job = byId.get(id);
      const user = (job?.jobspec.attributes as { user?: { run?: number | string } } | undefined)?.user;
      const run = user?.run ?? job?.environment['RUN_NUM'];
      return run === undefined ? undefined : Number(String(run).split('_')[0]);
    };
    const run = ofExperiment.map((r) => runOf(r.fluxId as bigint)).find((n) => n !== undefined) as number;
    const ofRun = await gql(
      'query($e: [String!], $r: [Int!]) { profileReports(first: 500, filter: { experiments: $e, runs: $r }) { nodes { jobId } } }',
      { e: [experiment], r: [run] },
    );
    expect(ofRun.data?.profileReports.nodes.map((n: { jobId: string }) => n.jobId).sort()).toEqual(
      ofExperiment
        .filter((r) => runOf(r.fluxId as bigint) === run)
        .map((r) => formatJobId(r.fluxId as bigint))
        .sort(),
    );
    const bad = await gql('{ profileReports(filter: { users: ["no such user!"] }) { nodes { jobId } } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('recordProfileResult attaches download instructions and rejects bad input', async () => {
    const report = written.reports.find((r) => r.fluxId !== undefined && !r.hasSidecar);
    const jobTime = new Date(report!.startSecs * 1000).toISOString().replace('.000Z', '+00:00');
    const mutation =
      'mutation($input: ProfileResultInput!) { recordProfileResult(input: $input) { jobId matchedReport } }';
    const input = {
      jobId: formatJobId(report!.fluxId as bigint, 'f58').replace('ƒ', 'f'),
      jobTime,
      downloadKey: '476e2b1a-8c3b-4c25-bff7-b69860b1200a',
      decryptionKey: 'QUJD'.repeat(13),
    };
    const recorded = await gql(mutation, { input });
    expect(recorded.data?.recordProfileResult).toEqual({
      jobId: formatJobId(report!.fluxId as bigint),
      matchedReport: true,
    });
    const read = await gql(
      'query($id: String!) { profileReport(jobId: $id) { downloadInstructions { downloadKey decryptionKey } } }',
      { id: input.jobId },
    );
    expect(read.data?.profileReport.downloadInstructions).toEqual({
      downloadKey: input.downloadKey,
      decryptionKey: input.decryptionKey,
    });
    const bad = await gql(mutation, { input: { ...input, decryptionKey: null } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
