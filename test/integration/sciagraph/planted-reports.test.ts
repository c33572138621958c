import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { SciagraphDatasource } from '../../../src/datasources/sciagraph/sciagraph-datasource';
import { jsonLinesInto } from '../../support/gateway-harness';

const JOB_KEY = '1234567890123';
const OWNER = 1000;
const PLANTER = 4242;
const canChown = process.getuid?.() === 0;
if (!canChown) process.stderr.write('planted-reports: not root, cannot chown report files; skipped\n');

/** Writes a report (and a sidecar) for JOB_KEY, owned by `reportUid` and `sidecarUid`. */
function writeReport(root: string, dir: string, reportUid: number, sidecarUid?: number): void {
  const path = join(root, dir);
  mkdirSync(path, { recursive: true });
  const report = join(path, 'report.json');
  writeFileSync(
    report,
    JSON.stringify({ start_time_secs_since_epoch: 1_741_183_331, duration_ms: 1000, id: JOB_KEY, peak_memory_kb: 10 }),
  );
  chownSync(report, reportUid, reportUid);
  if (sidecarUid === undefined) return;
  const sidecar = join(path, 'jobgraph-report-result.json');
  writeFileSync(
    sidecar,
    JSON.stringify({
      schema: 1,
      jobId: JOB_KEY,
      jobTime: '2025-03-05T14:02:11Z',
      downloadKey: 'planted-key',
      decryptionKey: 'planted-secret',
    }),
  );
  chownSync(sidecar, sidecarUid, sidecarUid);
}

// Regression (issue 15 part 2): any user who could write in the report tree could plant a report
// naming another user's job; it became that job's profile, with the planted download keys.
(canChown ? describe : describe.skip)('planted Sciagraph reports are not credited to other users’ jobs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'jobgraph-planted-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const start = (trustedUids: number[] = [], logs: Array<Record<string, unknown>> = []) =>
    SciagraphDatasource.start({
      roots: [root],
      watch: 'poll',
      rescanSeconds: 3600,
      trustedUids,
      logger: pino({ level: 'warn' }, jsonLinesInto(logs)),
    });

  it('credits a report owned by the job’s user, not one owned by another uid (logged once), unless that uid is trusted', async () => {
    writeReport(root, 'mallory/planted', PLANTER);
    const logs: Array<Record<string, unknown>> = [];
    const reports = await start([], logs);
    expect(reports.findCredited([{ jobKey: JOB_KEY, uid: OWNER }])).toEqual([undefined]);
    expect(reports.findCredited([{ jobKey: JOB_KEY, uid: OWNER }])).toEqual([undefined]);
    expect(logs.filter((l) => String(l['msg']).includes('unverified'))).toHaveLength(1);
    expect(reports.findCredited([{ jobKey: JOB_KEY, uid: PLANTER }])[0]?.jobKey).toBe(JOB_KEY);
    await reports.close();

    const trusting = await start([PLANTER]);
    expect(trusting.findCredited([{ jobKey: JOB_KEY, uid: OWNER }])[0]?.jobKey).toBe(JOB_KEY);
    await trusting.close();
  });

  it('does not credit a report whose sidecar (download keys) another uid planted beside it', async () => {
    writeReport(root, 'alice/job/0', OWNER, PLANTER);
    const reports = await start();
    const [found] = reports.findByJobKeys([JOB_KEY]);
    expect(found?.downloadInstructions?.downloadKey).toBe('planted-key');
    expect(found && reports.isCredited(found, OWNER)).toBe(false);
    expect(reports.findCredited([{ jobKey: JOB_KEY, uid: OWNER }])).toEqual([undefined]);
    await reports.close();
  });

  it('prefers the newest credited report over a newer planted one', async () => {
    writeReport(root, 'alice/job/0', OWNER);
    writeReport(root, 'mallory/planted', PLANTER);
    const reports = await start();
    const [credited] = reports.findCredited([{ jobKey: JOB_KEY, uid: OWNER }]);
    expect(credited?.relDir).toBe('alice/job/0');
    await reports.close();
  });
});
