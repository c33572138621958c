import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { startElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { ElogSimulator } from '../../../src/simulators/elog/elog-simulator';
import type { WrittenReport } from '../../../src/simulators/sciagraph/sciagraph-reports.writer';
import type { GraphQLBody } from '../../support/gateway-harness';
import { startProfiledGateway } from '../../support/profiled-gateway';
import type { ProfiledGateway } from '../../support/profiled-gateway';
import { TEST_OPERATOR, forbiddenPaths, jwtCallers, proxyHeaderCallers } from '../../support/test-callers';
import type { TestCallers } from '../../support/test-callers';

/**
 * Issue 10 §2 over HTTP: the owner, another user and an operator ask for job details on every
 * path that reaches a job (live Flux, the Sciagraph join both ways, download keys); the other
 * user gets each detail null with FORBIDDEN at its path and the rest of the response served.
 */
const dataset = generateDataset({ seed: 17, jobCount: 400, now: 1_760_000_000 });
const DETAILS = 'eventlog { name } jobspec { command } environment';
const nameOf = (uid: number): string => dataset.users.find((u) => u.uid === uid)?.name ?? `uid${uid}`;
const uidOf = (name: string): number | undefined => dataset.users.find((u) => u.name === name)?.uid;

type Role = 'owner' | 'other' | 'operator';

describe.each([['proxy-header'], ['jwt']])('job details over HTTP with %s callers', (mode) => {
  let elog: ElogSimulator;
  let gw: ProfiledGateway;
  let reports: WrittenReport[];
  let callers: TestCallers;
  let url: string;
  /** A report of a known Flux job with recorded download keys, its job, and the three callers. */
  let keyed: WrittenReport;
  let users: Record<Role, string>;

  const gql = async (as: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody<any>> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(as)) },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphQLBody<any>;
  };

  beforeAll(async () => {
    callers = mode === 'jwt' ? await jwtCallers() : proxyHeaderCallers();
    elog = await startElogSimulator({ dataset });
    gw = await startProfiledGateway(dataset, {
      seed: 17,
      env: {
        JOBGRAPH_ELOG_URL: elog.url,
        JOBGRAPH_ELOG_JID_URL_PREFIXES: elog.jidUrlPrefix,
        Authorization: `Bearer ${await elog.mintToken('jdoe', dataset.experiments[0]?.name ?? '')}`,
        ...callers.env,
      },
    });
    reports = gw.written.reports;
    url = `${gw.base}/graphql`;
    const found = reports.find(
      (r) =>
        r.fluxId !== undefined &&
        r.hasSidecar &&
        dataset.users.some((u) => u.uid === dataset.jobs.find((j) => j.job.id === r.fluxId)?.job.userId),
    );
    if (!found) throw new Error('dataset has no profiled job with download keys');
    keyed = found;
    const ownerUid = dataset.jobs.find((j) => j.job.id === keyed.fluxId)?.job.userId as number;
    users = {
      owner: nameOf(ownerUid),
      other: dataset.users.find((u) => u.uid !== ownerUid && u.uid !== dataset.ownerUid)?.name as string,
      operator: TEST_OPERATOR,
    };
  });
  afterAll(async () => {
    await gw.close();
    await elog.close();
  });

  const jobId = (): string => formatJobId(keyed.fluxId as bigint);

  it.each<Role>(['owner', 'other', 'operator'])('job(id): %s (a refused detail is never looked up)', async (role) => {
    const lookups = (): number => gw.datasources.flux.rpcCounts()['job-info.lookup'] ?? 0;
    const before = lookups();
    const body = await gql(users[role], `query($id: JobId!) { job(id: $id) { id name userName ${DETAILS} } }`, {
      id: jobId(),
    });
    expect(lookups() - before).toBe(role === 'other' ? 0 : 1);
    expect(body.data?.job).toMatchObject({ id: jobId(), userName: users.owner });
    const refused = role === 'other';
    expect(forbiddenPaths(body)).toEqual(refused ? ['job.environment', 'job.eventlog', 'job.jobspec'] : []);
    for (const field of ['eventlog', 'jobspec', 'environment']) expect(body.data?.job[field] === null).toBe(refused);
    if (refused)
      expect(body.errors?.[0]?.message).toMatch(
        new RegExp(`visible only to the job's owner and operators; ${users.other} is neither`),
      );
  });

  it.each<Role>(['owner', 'other', 'operator'])(
    'jobs(first: 200): %s sees details of exactly the jobs they may',
    async (role) => {
      const body = await gql(users[role], `{ jobs(first: 200) { nodes { id userId ${DETAILS} } } }`);
      const nodes = body.data?.jobs.nodes as Array<{
        id: string;
        userId: number;
        eventlog: unknown;
        jobspec: unknown;
        environment: unknown;
      }>;
      expect(nodes).toHaveLength(200);
      const callerUid = dataset.users.find((u) => u.name === users[role])?.uid;
      const visible = (uid: number): boolean => role === 'operator' || uid === callerUid;
      expect(nodes.some((n) => !visible(n.userId))).toBe(role !== 'operator');
      for (const node of nodes)
        for (const field of ['eventlog', 'jobspec', 'environment'] as const)
          expect([node.id, field, node[field] !== null]).toEqual([node.id, field, visible(node.userId)]);
      const expected = nodes
        .flatMap((n, i) =>
          visible(n.userId) ? [] : ['environment', 'eventlog', 'jobspec'].map((f) => `jobs.nodes.${i}.${f}`),
        )
        .sort();
      expect(forbiddenPaths(body)).toEqual(expected);
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    'profileReport(jobId) → downloadInstructions and job: %s',
    async (role) => {
      const body = await gql(
        users[role],
        `query($id: String!) { profileReport(jobId: $id) { jobId peakMemoryKiB downloadInstructions { downloadKey command } job { id ${DETAILS} } } }`,
        { id: jobId() },
      );
      const report = body.data?.profileReport;
      expect(report).toMatchObject({ jobId: jobId(), job: { id: jobId() } });
      expect(report.peakMemoryKiB).toBeGreaterThan(0);
      const refused = role === 'other';
      expect(report.downloadInstructions === null).toBe(refused);
      if (!refused) expect(report.downloadInstructions.command).toMatch(/^python -m sciagraph_report download /);
      for (const field of ['eventlog', 'jobspec', 'environment']) expect(report.job[field] === null).toBe(refused);
      expect(forbiddenPaths(body)).toEqual(
        refused
          ? [
              'profileReport.downloadInstructions',
              'profileReport.job.environment',
              'profileReport.job.eventlog',
              'profileReport.job.jobspec',
            ]
          : [],
      );
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    'job(id).profile → downloadInstructions and back to the job: %s',
    async (role) => {
      const body = await gql(
        users[role],
        `query($id: JobId!) { job(id: $id) { id profile { jobId downloadInstructions { downloadKey } job { id environment } } } }`,
        { id: jobId() },
      );
      const profile = body.data?.job.profile;
      expect(profile.job.id).toBe(jobId());
      const refused = role === 'other';
      expect([profile.downloadInstructions === null, profile.job.environment === null]).toEqual([refused, refused]);
      expect(forbiddenPaths(body)).toEqual(
        refused ? ['job.profile.downloadInstructions', 'job.profile.job.environment'] : [],
      );
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    'profileReports: %s sees download keys of their own jobs only; text ids are for operators',
    async (role) => {
      const body = await gql(
        users[role],
        '{ profileReports(first: 500) { nodes { jobId startedAt downloadInstructions { downloadKey } job { userId environment } } } }',
      );
      const nodes = body.data?.profileReports.nodes as Array<{
        jobId: string;
        startedAt: string;
        downloadInstructions: unknown;
        job: { userId: number; environment: unknown } | null;
      }>;
      const reportId = (jobId: string, startSecs: number): string => `${jobId}@${startSecs}`;
      const withKeys = new Set(
        reports
          .filter((r) => r.hasSidecar)
          .map((r) => reportId(r.fluxId === undefined ? r.rawId : formatJobId(r.fluxId), r.startSecs)),
      );
      const callerUid = dataset.users.find((u) => u.name === users[role])?.uid;
      const mayKeys = (n: (typeof nodes)[number]): boolean =>
        role === 'operator' || (n.job !== null && n.job.userId === callerUid);
      let refusedKeys = 0;
      nodes.forEach((node, i) => {
        if (node.job)
          expect([i, node.job.environment !== null]).toEqual([i, role === 'operator' || node.job.userId === callerUid]);
        if (!withKeys.has(reportId(node.jobId, Date.parse(node.startedAt) / 1000))) return;
        expect([node.jobId, node.downloadInstructions !== null]).toEqual([node.jobId, mayKeys(node)]);
        if (!mayKeys(node)) refusedKeys += 1;
      });
      expect(refusedKeys > 0).toBe(role !== 'operator');
      if (role === 'operator') expect(nodes.some((n) => n.job === null && n.downloadInstructions !== null)).toBe(true);
      expect(forbiddenPaths(body).filter((p) => p.endsWith('downloadInstructions'))).toHaveLength(refusedKeys);
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    '/reports pages (source snippets, flamegraphs) follow the same rule: %s',
    async (role) => {
      const textReport = reports.find((r) => r.fluxId === undefined);
      const urls = await gql(
        users.operator,
        'query($a: String!, $b: String!) { a: profileReport(jobId: $a) { reportUrl peakMemorySvgUrl } b: profileReport(jobId: $b) { reportUrl } }',
        { a: jobId(), b: textReport?.rawId ?? 'none' },
      );
      const page = async (path: string, headers: Record<string, string>) =>
        (await fetch(`${gw.base}${path}`, { headers })).status;
      const { reportUrl, peakMemorySvgUrl } = urls.data?.a as { reportUrl: string; peakMemorySvgUrl: string };
      const expected = role === 'other' ? 404 : 200;
      expect([
        await page(reportUrl, await callers.headers(users[role])),
        await page(peakMemorySvgUrl, await callers.headers(users[role])),
      ]).toEqual([expected, expected]);
      expect(await page(reportUrl, {})).toBe(404);
      expect(textReport).toBeDefined();
      expect(await page(urls.data?.b.reportUrl as string, await callers.headers(users[role]))).toBe(
        role === 'operator' ? 200 : 404,
      );
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    'recordProfileResult for a Flux job: only its owner and operators may record keys: %s',
    async (role) => {
      const target =
        reports.find((r) => r.fluxId === keyed.fluxId && !r.hasSidecar) ??
        reports.find(
          (r) =>
            r.fluxId !== undefined &&
            !r.hasSidecar &&
            dataset.jobs.find((j) => j.job.id === r.fluxId)?.job.userId === uidOf(users.owner),
        );
      expect(target).toBeDefined();
      const id = formatJobId(target?.fluxId as bigint);
      const jobTime = new Date((target?.startSecs as number) * 1000).toISOString().replace('.000Z', '+00:00');
      const downloadKey = `0000${role.padEnd(8, '0').slice(0, 8)}-8c3b-4c25-bff7-b69860b1200a`.slice(0, 36);
      const body = await gql(
        users[role],
        'mutation($input: ProfileResultInput!) { recordProfileResult(input: $input) { matchedReport } }',
        { input: { jobId: id, jobTime, downloadKey, decryptionKey: 'QUJD'.repeat(13) } },
      );
      const stored = await gql(
        users.operator,
        '{ profileReports(first: 500) { nodes { jobId startedAt downloadInstructions { downloadKey } } } }',
      );
      const keys = (
        stored.data?.profileReports.nodes as Array<{
          jobId: string;
          startedAt: string;
          downloadInstructions: { downloadKey: string } | null;
        }>
      )
        .filter((n) => n.jobId === id && Date.parse(n.startedAt) === (target?.startSecs as number) * 1000)
        .map((n) => n.downloadInstructions?.downloadKey);
      if (role === 'other') {
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'recordProfileResult' });
        expect(keys).not.toContain(downloadKey);
      } else {
        expect(body).toEqual({ data: { recordProfileResult: { matchedReport: true } } });
        expect(keys).toEqual([downloadKey]);
      }
    },
  );

  it.each<Role>(['owner', 'other', 'operator'])(
    'postRunStatus is operator-only, refused before any eLog request: %s',
    async (role) => {
      const exp = dataset.experiments[0]?.name ?? '';
      elog.requests.splice(0);
      const body = await gql(
        users[role],
        'mutation($u: String, $v: JSON!) { postRunStatus(values: $v, updateUrl: $u) }',
        { u: `${elog.jidUrlPrefix}replace_counters/${exp}/42`, v: { stage: role } },
      );
      if (role === 'operator') {
        expect(body).toEqual({ data: { postRunStatus: true } });
        expect(elog.requests.map((r) => r.route)).toEqual(['get_counters', 'replace_counters']);
      } else {
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', action: 'postRunStatus' });
        expect(elog.requests).toHaveLength(0);
      }
    },
  );
});
