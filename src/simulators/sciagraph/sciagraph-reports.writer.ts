import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatJobId } from '../../datasources/flux/job-id';
import type { Dataset } from '../dataset';
import { writeReportDir } from './report-dir.writer';
import type { ReportContent } from './report-content';
import { SeededRandom } from '../dataset/random';

/** The part of the demo dataset the report writer needs. */
export type ReportDatasetInput = Pick<Dataset, 'now' | 'users' | 'jobs'>;

/** Options of {@link writeSciagraphReports}. */
export interface WriteReportsOptions {
  /** Directory to write report trees into (created). */
  root: string;
  dataset: ReportDatasetInput;
  /** Default 1. */
  seed?: number;
  /** Share of started jobs that get reports. Default 0.25. */
  share?: number;
  /** `minimal` writes only report.json (benchmarks). Default `full`. */
  files?: 'full' | 'minimal';
}

/** One report directory written. */
export interface WrittenReport {
  dir: string;
  /** The id as written in report.json. */
  rawId: string;
  /** The Flux job it belongs to; undefined for text ids. */
  fluxId: bigint | undefined;
  startSecs: number;
  durationMs: number;
  peakMemoryKiB: number;
  hasSidecar: boolean;
}

/** What {@link writeSciagraphReports} wrote. */
export interface WrittenReports {
  reports: WrittenReport[];
}

const ID_FORMS = ['ascii-f58', 'dec', 'dothex', 'kvs', 'hex', 'words'] as const;
const FRAMES = [
  'numpy/core/multiarray.py:zeros',
  'pandas/io/parsers.py:read_csv',
  'h5py/_hl/dataset.py:__getitem__',
  'psana/event.py:next',
  'scipy/ndimage/filters.py:gaussian_filter',
  'analysis/reduce.py:main',
];

function rawIdFor(random: SeededRandom, id: bigint): string {
  const draw = random.next();
  if (draw < 0.7) return formatJobId(id, 'f58');
  const form = random.pick(ID_FORMS);
  return form === 'ascii-f58' ? formatJobId(id, 'f58').replace('ƒ', 'f') : formatJobId(id, form);
}

const randomBytes = (random: SeededRandom, count: number): Buffer =>
  Buffer.from(Array.from({ length: count }, () => random.int(0, 255)));
/** Standard normal deviate (Box–Muller). */
const normal = (random: SeededRandom): number =>
  Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());

function uuid(random: SeededRandom, version: 1 | 4): string {
  const hex = randomBytes(random, 16).toString('hex');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${version}${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Log-normal peak memory in KiB, clamped to 50 MiB – 64 GiB. */
function peakMemory(random: SeededRandom): number {
  const kib = Math.exp(Math.log(2 * 1024 * 1024) + 1.3 * normal(random));
  return Math.round(Math.min(64 * 1024 * 1024, Math.max(50 * 1024, kib)));
}

/**
 * Writes Sciagraph report directories for a deterministic share of the dataset's started jobs
 * (contract §11): realistic values, every RFC 19 id form, the facility layout and Sciagraph's
 * default layout, some jobs with two task directories, half with a handler sidecar.
 */
export async function writeSciagraphReports(options: WriteReportsOptions): Promise<WrittenReports> {
  const random = new SeededRandom(options.seed ?? 1);
  const share = options.share ?? 0.25;
  const full = (options.files ?? 'full') === 'full';
  const users = new Map(options.dataset.users.map((user) => [user.uid, user.name]));
  const started = options.dataset.jobs
    .map((j) => j.job)
    .filter((job) => (job.state === 'RUN' || job.state === 'INACTIVE') && job.tRun !== undefined);
  // The bar reads jobs(first: 500), which lists running jobs before inactive ones.
  const forced = new Set(
    started
      .filter((job) => job.state === 'RUN')
      .slice(0, 3)
      .map((job) => job.id),
  );
  const reports: WrittenReport[] = [];
  for (const job of started) {
    if (random.next() >= share && !forced.has(job.id)) continue;
    const tRun = job.tRun as number;
    const runMs = Math.max(1000, ((job.tInactive ?? job.tCleanup ?? options.dataset.now) - tRun) * 1000);
    const offset = random.int(0, Math.min(30, Math.floor(runMs / 2000)));
    const textId = random.next() < 0.02;
    const rawId = textId
      ? random.next() < 0.5
        ? `nightly-etl-${new Date(tRun * 1000).toISOString().slice(0, 10)}-${random.int(1, 99)}`
        : uuid(random, 1)
      : rawIdFor(random, job.id);
    const user = users.get(job.userId) ?? `uid${job.userId}`;
    const defaultLayout = random.next() < 0.1;
    const ranks = random.next() < 0.08 ? 2 : 1;
    for (let rank = 0; rank < ranks; rank += 1) {
      const content: ReportContent = {
        jobId: rawId,
        startSecs: Math.floor(tRun) + offset + rank,
        durationMs: Math.max(0, Math.round((runMs - (offset + rank) * 1000) * (0.6 + 0.4 * random.next()))),
        peakMemoryKiB: peakMemory(random),
        frames: FRAMES.map((name) => ({ name, share: random.next() / FRAMES.length })),
      };
      const stamp = `${new Date(content.startSecs * 1000)
        .toISOString()
        .replace(/:/g, '-')
        .replace('.000', `_${String(random.int(0, 999_999)).padStart(6, '0')}`)}`;
      const dir = defaultLayout
        ? join(options.root, user, 'work', `job-${job.id}`, 'sciagraph-result', stamp)
        : join(options.root, user, formatJobId(job.id, 'f58'), String(rank));
      await writeReportDir(dir, content, { performance: random.next() < 0.1, full });
      const hasSidecar = full && random.next() < 0.5;
      if (hasSidecar) await writeSidecar(dir, random, content);
      reports.push({
        dir,
        rawId,
        fluxId: textId ? undefined : job.id,
        startSecs: content.startSecs,
        durationMs: content.durationMs,
        peakMemoryKiB: content.peakMemoryKiB,
        hasSidecar,
      });
    }
  }
  return { reports };
}

async function writeSidecar(dir: string, random: SeededRandom, content: ReportContent): Promise<void> {
  const sidecar = {
    schema: 1,
    jobId: content.jobId,
    jobTime: new Date(content.startSecs * 1000).toISOString().replace('.000Z', '+00:00'),
    downloadKey: uuid(random, 4),
    decryptionKey: randomBytes(random, 39).toString('base64'),
    peakMemoryKiB: content.peakMemoryKiB,
    reportPath: dir,
    hostname: `sdfiana${String(random.int(1, 64)).padStart(3, '0')}`,
  };
  await writeFile(join(dir, 'jobgraph-report-result.json'), JSON.stringify(sidecar), { mode: 0o640 });
}
