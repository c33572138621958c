/**
 * Sciagraph report index benchmark: build time and memory for N reports (default 100,000,
 * `SCIAGRAPH_BENCH_REPORTS`), an unchanged rescan, the watcher's latency for new reports, and the
 * cost of `Job.profile` for 100 jobs (index lookups per request). Writes its tree into a temp dir
 * and removes it. Run: `npm run build && node --expose-gc dist/bench/sciagraph-index.bench.js`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { formatJobId } from '../src/datasources/flux/job-id';
import { SciagraphDatasource } from '../src/datasources/sciagraph/sciagraph-datasource';
import { createSciagraphLoaders } from '../src/loaders/sciagraph.loaders';
import { writeReportDir } from '../src/simulators/sciagraph/report-dir.writer';

const COUNT = Number(process.env.SCIAGRAPH_BENCH_REPORTS ?? 100_000);
const BASE_ID = 1n << 60n;
const logger = pino({ level: 'error' });
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mib = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

async function writeTree(root: string, count: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const id = BASE_ID + BigInt(i) * 1_048_577n;
      const content = {
        jobId: formatJobId(id),
        startSecs: 1_760_000_000 - i,
        durationMs: 60_000 + i,
        peakMemoryKiB: 51_200 + i,
        frames: [],
      };
      await writeReportDir(join(root, `user${i % 50}`, formatJobId(id), '0'), content, {
        performance: false,
        full: false,
      });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function watchLatency(root: string, samples: number): Promise<number[]> {
  await mkdir(root, { recursive: true });
  const datasource = await SciagraphDatasource.start({ roots: [root], watch: 'watch', rescanSeconds: 3600, logger });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < samples; i += 1) {
      const id = BASE_ID - BigInt(i + 1);
      const dir = join(root, 'new', formatJobId(id), '0');
      await mkdir(dir, { recursive: true });
      const start = performance.now();
      await writeFile(
        join(dir, 'report.json'),
        JSON.stringify({
          start_time_secs_since_epoch: 1_760_000_000,
          duration_ms: 1,
          id: formatJobId(id),
          peak_memory_kb: 1,
        }),
      );
      while (!datasource.findByJobId(id.toString())) await new Promise((resolve) => setTimeout(resolve, 10));
      latencies.push(Math.round(performance.now() - start));
    }
  } finally {
    await datasource.close();
  }
  return latencies;
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'sciagraph-bench-'));
  try {
    let t = performance.now();
    await writeTree(join(root, 'reports'), COUNT);
    console.log(`wrote ${COUNT} report directories in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    const datasource = await SciagraphDatasource.start({
      roots: [join(root, 'reports')],
      watch: 'poll',
      rescanSeconds: 3600,
      logger,
    });
    const buildMs = performance.now() - t;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `index build: ${datasource.size} reports in ${(buildMs / 1000).toFixed(2)} s; heap +${mib(heapAfter - heapBefore)} MiB (${Math.round((heapAfter - heapBefore) / datasource.size)} B/report), rss ${mib(process.memoryUsage().rss)} MiB`,
    );
    t = performance.now();
    await datasource.rescan();
    console.log(`unchanged full rescan: ${((performance.now() - t) / 1000).toFixed(2)} s`);

    const loaders = createSciagraphLoaders(datasource);
    const before = datasource.lookupCount();
    const ids = Array.from({ length: 100 }, (_, i) => (BASE_ID + BigInt(i * 997) * 1_048_577n).toString());
    t = performance.now();
    const found = await Promise.all(ids.map((id) => loaders?.profileByJobKey.load(id)));
    console.log(
      `Job.profile loader, 100 jobs: ${datasource.lookupCount() - before} index lookup(s), ${found.filter(Boolean).length} found, ${(performance.now() - t).toFixed(2)} ms`,
    );
    await datasource.close();

    const latencies = await watchLatency(join(root, 'watched'), 10);
    console.log(`watch mode, new report visible after (ms): ${latencies.join(', ')}; max ${Math.max(...latencies)}`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
