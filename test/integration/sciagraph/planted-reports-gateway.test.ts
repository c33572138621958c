import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateDataset } from '../../../src/simulators/dataset';
import { startGatewayHarness } from '../../support/gateway-harness';
import type { GatewayHarness, GraphQLBody } from '../../support/gateway-harness';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';

const PLANTER = 4242;
const canChown = process.getuid?.() === 0;
if (!canChown) process.stderr.write('planted-reports-gateway: not root, cannot chown report files; skipped\n');

/** Writes a report directory (report.json, index.html, a sidecar with download keys) naming `jobId`, owned by `uid`. */
function writeReport(root: string, dir: string, jobId: string, uid: number, startedAt: number, key: string): void {
  const path = join(root, dir);
  mkdirSync(path, { recursive: true });
  const files: Record<string, string> = {
    'report.json': JSON.stringify({
      start_time_secs_since_epoch: startedAt,
      duration_ms: 1000,
      id: jobId,
      peak_memory_kb: 10,
    }),
    'index.html': `<html><body>${key}</body></html>`,
    'jobgraph-report-result.json': JSON.stringify({
      schema: 1,
      jobId,
      jobTime: new Date(startedAt * 1000).toISOString(),
      downloadKey: `${key}-download`,
      decryptionKey: `${key}-secret`,
    }),
  };
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(path, name), text);
    chownSync(join(path, name), uid, uid);
  }
}

// Regression (issue 15 part 2, through the gateway): a report planted by another uid naming a
// user's job became that job's Job.profile, served its page under /reports to the job's owner,
// and joined ProfileReport.job to the victim's job.
(canChown ? describe : describe.skip)('a planted Sciagraph report through the gateway', () => {
  const callers = proxyHeaderCallers();
  const dataset = generateDataset({ seed: 7, jobCount: 40 });
  let root: string;
  let gw: GatewayHarness;
  let owner: { uid: number; name: string };
  let jobId: string;

  beforeAll(async () => {
    const users = new Map(dataset.users.map((u) => [u.uid, u.name]));
    const victim = dataset.jobs.find((j) => users.has(j.job.userId) && j.job.userId !== PLANTER);
    if (!victim) throw new Error('no job with a known user in the dataset');
    owner = { uid: victim.job.userId, name: users.get(victim.job.userId) ?? '' };
    jobId = victim.job.id.toString();
    root = mkdtempSync(join(tmpdir(), 'jobgraph-planted-gw-'));
    // The owner's own report, older; a planted one, newer (it would win "newest report").
    writeReport(root, 'owner/0', jobId, owner.uid, 1_741_183_000, 'genuine');
    writeReport(root, 'mallory/planted', jobId, PLANTER, 1_741_183_900, 'planted');
    gw = await startGatewayHarness(dataset, {
      env: { ...callers.env, JOBGRAPH_SCIAGRAPH_REPORTS: root, JOBGRAPH_SCIAGRAPH_WATCH: 'poll' },
    });
    // The first scan runs in the background: wait (bounded) until both reports are indexed.
    for (let i = 0; i < 100 && [...(gw.datasources.sciagraph?.iterateReports({}) ?? [])].length < 2; i += 1)
      await sleep(100);
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function post(user: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLBody> {
    const response = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await callers.headers(user)) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody;
  }

  const getPage = async (user: string, url: string): Promise<{ status: number; text: string }> => {
    const response = await fetch(new URL(url, gw.url), { headers: await callers.headers(user) });
    return { status: response.status, text: await response.text() };
  };

  it('Job.profile is the owner’s report with the owner’s keys, never the planted one', async () => {
    const body = await post(
      owner.name,
      'query($id: JobId!) { job(id: $id) { profile { id reportUrl downloadInstructions { downloadKey } } } }',
      { id: jobId },
    );
    expect(body.errors).toBeUndefined();
    const profile = (body.data?.['job'] as { profile: { reportUrl: string; downloadInstructions: unknown } }).profile;
    expect(profile.downloadInstructions).toEqual({ downloadKey: 'genuine-download' });
    const page = await getPage(owner.name, profile.reportUrl);
    expect(page).toEqual({ status: 200, text: expect.stringContaining('genuine') });
  });

  it('the planted report: no job join, no keys, and /reports does not serve it to the job’s owner', async () => {
    const listing = await post(
      TEST_OPERATOR,
      '{ profileReports(first: 10) { nodes { id jobId reportUrl job { id } } } }',
    );
    const nodes = (listing.data?.['profileReports'] as { nodes: Array<{ reportUrl: string; job: unknown }> }).nodes;
    expect(nodes).toHaveLength(2);
    const planted = nodes.find((n) => n.job === null);
    const genuine = nodes.find((n) => n.job !== null);
    expect(planted).toBeDefined();
    expect(genuine).toBeDefined();
    // The page of each, as the job's owner: the genuine one is theirs, the planted one is not listed for them.
    expect((await getPage(owner.name, genuine?.reportUrl ?? '')).status).toBe(200);
    expect(await getPage(owner.name, planted?.reportUrl ?? '')).toEqual({ status: 404, text: expect.any(String) });
    expect((await getPage(owner.name, planted?.reportUrl ?? '')).text).not.toContain('planted');
    // profileReport(jobId) is the newest report, the planted one: it shows no job and no keys to the owner.
    const newest = await post(
      owner.name,
      'query($id: String!) { profileReport(jobId: $id) { reportUrl job { id } downloadInstructions { downloadKey } } }',
      { id: jobId },
    );
    const report = newest.data?.['profileReport'] as { reportUrl: string; job: unknown; downloadInstructions: unknown };
    expect(report.reportUrl).toBe(planted?.reportUrl);
    expect(report.job).toBeNull();
    expect(report.downloadInstructions).toBeNull();
    expect(newest.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(newest)).not.toContain('planted-');
    // Operators still reach it, to investigate.
    expect((await getPage(TEST_OPERATOR, planted?.reportUrl ?? '')).status).toBe(200);
  });
});
