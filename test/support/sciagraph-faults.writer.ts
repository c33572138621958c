import { chmod, mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeReportDir } from '../../src/simulators/sciagraph/report-dir.writer';
import { writeSciagraphReports } from '../../src/simulators/sciagraph/sciagraph-reports.writer';
import type { WriteReportsOptions, WrittenReports } from '../../src/simulators/sciagraph/sciagraph-reports.writer';

/** A Flux id no demo job has (near 2^64), for a report whose `job` must resolve to null. */
export const UNKNOWN_FLUX_JOB_ID = 'ƒjpXCZedGfJo';

const MALFORMED: Record<string, string> = {
  truncated: '{"start_time_secs_since_epoch": 1741183331, "duration_ms": 48',
  empty: '',
  'not-json': 'Sciagraph report\n',
  'wrong-types':
    '{"start_time_secs_since_epoch": "yesterday", "duration_ms": 10, "id": "ƒ9QkviT1", "peak_memory_kb": 1024}',
  'missing-key': '{"start_time_secs_since_epoch": 1741183331, "id": "ƒ9QkviT1", "peak_memory_kb": 1024}',
  'null-id': '{"start_time_secs_since_epoch": 1741183331, "duration_ms": 10, "id": null, "peak_memory_kb": 1024}',
};

/**
 * Writes the hostile and malformed entries of contract §11 under `<root>/faults/`, each named in
 * the returned record: malformed report.json files (old mtimes, so they are invalid, not pending),
 * a legacy directory, a symlink loop, a symlinked report.json, an index.html linking to
 * /etc/passwd, a mode-000 directory, a `.snapshot/` copy and a report for an unknown Flux id.
 */
export async function writeFaultyReports(root: string, nowSecs: number): Promise<Record<string, string>> {
  const base = join(root, 'faults');
  const faults: Record<string, string> = {};
  const old = new Date((nowSecs - 3600) * 1000);
  const valid = {
    jobId: UNKNOWN_FLUX_JOB_ID,
    startSecs: nowSecs - 7200,
    durationMs: 60_000,
    peakMemoryKiB: 512_000,
    frames: [{ name: 'main', share: 1 }],
  };
  for (const [name, text] of Object.entries(MALFORMED)) {
    const dir = join(base, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'report.json'), text);
    await utimes(join(dir, 'report.json'), old, old);
    faults[name] = join(dir, 'report.json');
  }
  faults.unknownJob = join(base, 'unknown-job');
  await writeReportDir(faults.unknownJob, valid, { performance: false, full: true });

  faults.legacy = join(base, 'legacy');
  await mkdir(faults.legacy, { recursive: true });
  await writeFile(join(faults.legacy, 'index.html'), '<html><img src="peak-memory.svg"></html>');
  await writeFile(join(faults.legacy, 'peak-memory.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');

  faults.loop = join(base, 'loop');
  await mkdir(join(faults.loop, 'inner'), { recursive: true });
  await symlink('..', join(faults.loop, 'inner', 'up'));
  await symlink(faults.loop, join(faults.loop, 'self'));

  faults.symlinkedReportJson = join(base, 'symlinked-report-json');
  await mkdir(faults.symlinkedReportJson, { recursive: true });
  await symlink(join(faults.unknownJob, 'report.json'), join(faults.symlinkedReportJson, 'report.json'));

  faults.passwdLink = join(base, 'passwd-link');
  await writeReportDir(
    faults.passwdLink,
    { ...valid, jobId: 'passwd-link-report' },
    { performance: false, full: true },
  );
  await rm(join(faults.passwdLink, 'index.html'));
  await symlink('/etc/passwd', join(faults.passwdLink, 'index.html'));

  faults.snapshot = join(base, '.snapshot', 'hourly', 'copy');
  await writeReportDir(faults.snapshot, { ...valid, jobId: 'snapshot-copy' }, { performance: false, full: true });

  faults.unreadable = join(base, 'unreadable');
  await writeReportDir(
    join(faults.unreadable, 'inside'),
    { ...valid, jobId: 'unreadable-report' },
    { performance: false, full: true },
  );
  await chmod(faults.unreadable, 0o000);
  return faults;
}

/** Options of {@link writeReportsWithFaults}: the simulator's, plus whether to add the fault entries. */
export interface WriteReportsWithFaultsOptions extends WriteReportsOptions {
  /** Also write malformed and hostile entries (contract §11 "Faults"). Default false. */
  faults?: boolean;
}

/** What {@link writeReportsWithFaults} wrote. */
export interface WrittenReportsWithFaults extends WrittenReports {
  /** Paths of the fault entries, by name (only with `faults`). */
  faults: Record<string, string>;
}

/** The simulator's report trees ({@link writeSciagraphReports}), then the fault entries when asked for. */
export async function writeReportsWithFaults(
  options: WriteReportsWithFaultsOptions,
): Promise<WrittenReportsWithFaults> {
  const written = await writeSciagraphReports(options);
  const faults = options.faults ? await writeFaultyReports(options.root, options.dataset.now) : {};
  return { ...written, faults };
}
