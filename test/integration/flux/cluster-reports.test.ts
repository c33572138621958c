import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset, DatasetJob } from '../../../src/simulators/dataset';
import { writeSciagraphReports } from '../../../src/simulators/sciagraph/sciagraph-reports.writer';
import type { WrittenReport } from '../../../src/simulators/sciagraph/sciagraph-reports.writer';
import { startClustersGateway } from '../../support/clusters-gateway';
import type { ClustersGateway } from '../../support/clusters-gateway';
import { TEST_OPERATOR, proxyHeaderCallers } from '../../support/test-callers';

const NOW = 1_795_400_000;
const callers = proxyHeaderCallers();

/**
 * Issue 18 (audit, stop 2): profiling reports of jobs on a cluster other than the default one.
 * `/reports/<key>/` decided access on the default cluster only, so the owner of a job on cluster
 * `b` was refused their own report, and a job on `a` with the same id made its (other) owner the
 * report's owner. Now the job is looked for on every cluster and a twin id decides nothing.
 */
describe('profile reports of jobs on several clusters', () => {
  const a0 = generateDataset({ seed: 5, jobCount: 200, now: NOW, days: 7 });
  const b = generateDataset({ seed: 6, jobCount: 200, now: NOW, days: 7 });
  const aIds = new Set(a0.jobs.map((j) => j.job.id));
  const userName = (uid: number): string => b.users.find((u) => u.uid === uid)?.name as string;
  let root: string;
  let gateway: ClustersGateway;
  let onlyOnB: WrittenReport;
  let twinned: WrittenReport;
  let a: Dataset;
  const reportKeys = new Map<bigint, string>();

  const ownerOf = (report: WrittenReport): number =>
    (b.jobs.find((j) => j.job.id === report.fluxId) as DatasetJob).job.userId;
  const otherThan = (uid: number): string =>
    b.users.find((u) => u.uid !== uid && u.uid !== b.ownerUid && u.name !== TEST_OPERATOR)?.name as string;
  const fetchReport = async (report: WrittenReport, user: string): Promise<number> =>
    (
      await fetch(`${gateway.url}/reports/${reportKeys.get(report.fluxId as bigint)}/`, {
        headers: await callers.headers(user),
      })
    ).status;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'cluster-reports-'));
    const written = await writeSciagraphReports({ root, dataset: b, share: 0.5, seed: 6 });
    const candidates = written.reports.filter(
      (r) => r.fluxId !== undefined && !aIds.has(r.fluxId) && ownerOf(r) !== b.ownerUid,
    );
    expect(candidates.length).toBeGreaterThan(2);
    onlyOnB = candidates[0] as WrittenReport;
    // Another job (a job may have several reports).
    twinned = candidates.find((r) => r.fluxId !== onlyOnB.fluxId) as WrittenReport;
    // Cluster a also knows twinned's id, as another user's job.
    const twinOf = b.jobs.find((j) => j.job.id === twinned.fluxId) as DatasetJob;
    const otherUid = b.users.find((u) => u.uid !== twinOf.job.userId && u.uid !== b.ownerUid)?.uid as number;
    const jobs = [...a0.jobs, { ...twinOf, job: { ...twinOf.job, userId: otherUid } }].sort(
      (x, y) => x.job.tSubmit - y.job.tSubmit || (x.job.id < y.job.id ? -1 : 1),
    );
    a = { ...a0, jobs };
    gateway = await startClustersGateway(
      { a: { dataset: a }, b: { dataset: b } },
      { ...callers.env, JOBGRAPH_SCIAGRAPH_REPORTS: root, JOBGRAPH_SCIAGRAPH_WATCH: 'poll' },
    );
    const sciagraph = gateway.datasources.sciagraph;
    await sciagraph?.ready;
    for (const report of [onlyOnB, twinned]) {
      const found = sciagraph?.findByJobKeys([(report.fluxId as bigint).toString()])[0];
      expect(found).toBeDefined();
      reportKeys.set(report.fluxId as bigint, found?.reportKey as string);
    }
  });
  afterAll(async () => {
    await gateway?.close();
    await rm(root, { recursive: true, force: true });
  });

  it("serves a report of a job on the non-default cluster to the job's owner, not to others", async () => {
    const owner = userName(ownerOf(onlyOnB));
    expect(await fetchReport(onlyOnB, owner)).toBe(200);
    expect(await fetchReport(onlyOnB, otherThan(ownerOf(onlyOnB)))).toBe(404);
    expect(await fetchReport(onlyOnB, TEST_OPERATOR)).toBe(200);
  });

  it('an id two users own on two clusters does not hand the report to the default cluster’s owner', async () => {
    const twinOnA = a.jobs.find((j) => j.job.id === twinned.fluxId) as DatasetJob;
    // The report's files (this process's uid) credit neither owner over the other: operators only.
    expect(await fetchReport(twinned, userName(twinOnA.job.userId))).toBe(404);
    expect(await fetchReport(twinned, userName(ownerOf(twinned)))).toBe(404);
    expect(await fetchReport(twinned, TEST_OPERATOR)).toBe(200);
  });
});
