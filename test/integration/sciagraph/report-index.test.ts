import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { formatJobId } from '../../../src/datasources/flux/job-id';
import { generateDataset } from '../../../src/simulators/dataset';
import { SciagraphDatasource } from '../../../src/datasources/sciagraph/sciagraph-datasource';
import { writeReportsWithFaults, type WrittenReportsWithFaults } from '../../support/sciagraph-faults.writer';
import { UNKNOWN_FLUX_JOB_ID } from '../../support/sciagraph-faults.writer';
import { captureLogger, nonRootFs, tempDir } from '../../fixtures/sciagraph/sciagraph-test-kit';

const dataset = generateDataset({ seed: 7, jobCount: 300, now: 1_760_000_000 });
const now = (): number => dataset.now * 1000;

describe('Sciagraph report index over a generated tree with faults', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let written: WrittenReportsWithFaults;
  let datasource: SciagraphDatasource;
  const { logger, records } = captureLogger();

  beforeAll(async () => {
    dir = await tempDir('sciagraph-index-');
    written = await writeReportsWithFaults({ root: join(dir.path, 'reports'), dataset, faults: true, seed: 7 });
    datasource = await SciagraphDatasource.start({
      roots: [join(dir.path, 'missing'), join(dir.path, 'reports')],
      watch: 'poll',
      rescanSeconds: 3600,
      logger,
      fs: nonRootFs(),
      now,
    });
  });
  afterAll(async () => {
    await datasource.close();
    await dir.remove();
  });

  it('indexes every valid report and nothing else', () => {
    // + the unknown-job report and the report whose index.html links to /etc/passwd
    expect(datasource.size).toBe(written.reports.length + 2);
    expect(datasource.findByJobId('snapshot-copy')).toBeUndefined();
    expect(datasource.findByJobId('unreadable-report')).toBeUndefined();
    expect(datasource.findByJobId(UNKNOWN_FLUX_JOB_ID)?.jobId).toBe(UNKNOWN_FLUX_JOB_ID);
    expect(datasource.statusCounts()).toMatchObject({ invalid: 5, 'no-id': 1, legacy: 1 });
  });

  it('warns once per malformed, symlinked or unreadable path, naming it', () => {
    const warned = records.filter((r) => r.level === 40).map((r) => String(r.path ?? r.root));
    for (const name of ['truncated', 'empty', 'not-json', 'wrong-types', 'missing-key']) {
      expect(warned.filter((path) => path === written.faults[name])).toHaveLength(1);
    }
    expect(warned).toContain(join(written.faults.symlinkedReportJson as string, 'report.json'));
    expect(warned).toContain(written.faults.unreadable);
    expect(warned).toContain(join(dir.path, 'missing'));
  });

  it('joins a Flux id given in any RFC 19 form, exposing canonical f58', () => {
    const report = written.reports.find((r) => r.fluxId !== undefined && !r.rawId.startsWith('ƒ'));
    const id = report?.fluxId as bigint;
    for (const form of ['dec', 'hex', 'dothex', 'kvs', 'f58'] as const) {
      expect(datasource.findByJobId(formatJobId(id, form))).toMatchObject({
        jobId: formatJobId(id, 'f58'),
        fluxId: id,
      });
    }
  });

  it('returns the newest report of a job with two task directories, in one lookup for many jobs', () => {
    const ids = [
      ...new Set(written.reports.filter((r) => r.fluxId !== undefined).map((r) => (r.fluxId as bigint).toString())),
    ];
    const before = datasource.lookupCount();
    const found = datasource.findByJobKeys([...ids, '12345']);
    expect(datasource.lookupCount()).toBe(before + 1);
    expect(found.at(-1)).toBeUndefined();
    found.slice(0, -1).forEach((record, i) => {
      const newest = Math.max(
        ...written.reports.filter((r) => r.fluxId?.toString() === ids[i]).map((r) => r.startSecs),
      );
      expect(record?.startedAtMs).toBe(newest * 1000);
    });
  });

  it('merges sidecar download instructions into their report', () => {
    const withSidecar = written.reports.find((r) => r.hasSidecar && r.fluxId !== undefined);
    const record = datasource.findByJobKeys([(withSidecar?.fluxId as bigint).toString()])[0];
    expect(record?.downloadInstructions?.downloadKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(record?.downloadInstructions?.decryptionKey).toHaveLength(52);
  });

  it('keeps the entries of a subtree through a transient (EIO) error', async () => {
    const root = join(dir.path, 'reports');
    const userDir = join(root, relative(root, written.reports[0]?.dir as string).split(sep)[0] as string);
    const inject = new Map<string, string>();
    const transient = await SciagraphDatasource.start({
      roots: [root],
      watch: 'poll',
      rescanSeconds: 3600,
      logger,
      fs: nonRootFs(inject),
      now,
    });
    try {
      expect(transient.size).toBe(datasource.size);
      inject.set(userDir, 'EIO');
      await transient.rescan();
      expect(transient.size).toBe(datasource.size);
      inject.set(root, 'ESTALE');
      await transient.rescan();
      expect(transient.size).toBe(datasource.size);
      expect(transient.rootHealth()).toEqual([{ root, up: false, mode: 'poll' }]);
    } finally {
      await transient.close();
    }
  });
});

describe('Sciagraph report index keeps current', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const { logger } = captureLogger();
  const report = (id: string, start = dataset.now - 60): string =>
    JSON.stringify({ start_time_secs_since_epoch: start, duration_ms: 1500, id, peak_memory_kb: 204800 });
  beforeEach(async () => {
    dir = await tempDir('sciagraph-watch-');
  });
  afterEach(() => dir.remove());

  it('watch mode: a new report is visible within 2 s and a deleted one disappears within 2 s', async () => {
    const datasource = await SciagraphDatasource.start({
      roots: [dir.path],
      watch: 'watch',
      rescanSeconds: 3600,
      logger,
      now: Date.now,
    });
    try {
      const reportDir = join(dir.path, 'alice', 'ƒyUCingAT8U', '0');
      await mkdir(reportDir, { recursive: true });
      await writeFile(join(reportDir, 'report.json'), report('ƒyUCingAT8U'));
      const appeared = await waitFor(() => datasource.findByJobId('419432471247981585') !== undefined);
      expect(appeared).toBeLessThanOrEqual(2000);
      await rm(join(dir.path, 'alice'), { recursive: true });
      const vanished = await waitFor(() => datasource.findByJobId('419432471247981585') === undefined);
      expect(vanished).toBeLessThanOrEqual(2000);
    } finally {
      await datasource.close();
    }
  });

  it('poll mode: a new report is visible within one interval plus the scan', async () => {
    const datasource = await SciagraphDatasource.start({
      roots: [dir.path],
      watch: 'poll',
      rescanSeconds: 1,
      logger,
      now: Date.now,
    });
    try {
      await mkdir(join(dir.path, 'bob', 'nightly'), { recursive: true });
      await writeFile(join(dir.path, 'bob', 'nightly', 'report.json'), report('nightly-etl-2024-05-06'));
      expect(await waitFor(() => datasource.findByJobId('nightly-etl-2024-05-06') !== undefined)).toBeLessThanOrEqual(
        1500,
      );
    } finally {
      await datasource.close();
    }
  });

  it('a report.json being written is pending (no warning) and indexed once complete', async () => {
    const captured = captureLogger();
    const reportDir = join(dir.path, 'carol', 'run');
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, 'report.json'), report('ƒyUCingAT8U').slice(0, 30));
    const datasource = await SciagraphDatasource.start({
      roots: [dir.path],
      watch: 'poll',
      rescanSeconds: 3600,
      logger: captured.logger,
      now: Date.now,
    });
    try {
      expect(datasource.statusCounts().pending).toBe(1);
      await writeFile(join(reportDir, 'report.json'), report('ƒyUCingAT8U'));
      expect(await waitFor(() => datasource.findByJobId('ƒyUCingAT8U') !== undefined, 5000)).toBeLessThanOrEqual(4000);
      expect(captured.records.filter((r) => r.level === 40 && r.path !== undefined)).toEqual([]);
    } finally {
      await datasource.close();
    }
  });

  it('records download instructions into the results directory (0600) and reloads them', async () => {
    const resultsDir = join(dir.path, 'results');
    const reportDir = join(dir.path, 'dave', 'x');
    await mkdir(reportDir, { recursive: true });
    await writeFile(join(reportDir, 'report.json'), report('ƒyUCingAT8U', 1741183331));
    const options = {
      roots: [dir.path],
      watch: 'poll' as const,
      rescanSeconds: 3600,
      resultsDir,
      logger,
      now: Date.now,
    };
    const first = await SciagraphDatasource.start(options);
    const input = {
      jobId: '419432471247981585',
      jobTime: '2025-03-05T14:02:12+00:00',
      downloadKey: '476e2b1a-8c3b-4c25-bff7-b69860b1200a',
      decryptionKey: 'QUJD'.repeat(13),
    };
    expect(await first.recordResult(input)).toEqual({ jobId: 'ƒyUCingAT8U', matchedReport: true });
    expect(await first.recordResult({ ...input, jobTime: '2025-03-05T15:00:00+00:00' })).toEqual({
      jobId: 'ƒyUCingAT8U',
      matchedReport: false,
    });
    await expect(first.recordResult({ ...input, decryptionKey: null })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    await first.close();
    expect((await stat(join(resultsDir, '419432471247981585.1741183332.json'))).mode & 0o777).toBe(0o600);
    const second = await SciagraphDatasource.start(options);
    try {
      expect(second.findByJobId('fyUCingAT8U')?.downloadInstructions?.downloadKey).toBe(input.downloadKey);
    } finally {
      await second.close();
    }
  });
});

/** Polls `condition` every 25 ms; resolves with the elapsed ms (or `limit` + 1 when it never held). */
async function waitFor(condition: () => boolean, limit = 4000): Promise<number> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limit) return limit + 1;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return Date.now() - start;
}
