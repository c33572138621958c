/**
 * Flux job-list decoding: (1) entries/s through the stream decoder, strict payload checks,
 * BigInt-safe JSON and the FluxJob mapper, against `JSON.parse` of the same payload texts in the
 * same process; (2) listing 100,000 jobs over a Unix socket from a child-process broker through
 * the FluxDatasource: wall time, entries/s, peak RSS growth. `FLUX_BENCH_ENTRIES` (default 50,000)
 * and `FLUX_BENCH_LIST` (default 100,000) size them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFluxDatasource } from '../src/datasources/flux/create-flux-datasource';
import { FluxDecoder } from '../src/datasources/flux/flux-codec';
import { decodeJsonPayload } from '../src/datasources/flux/flux-payload';
import { mapJobEntry } from '../src/datasources/flux/job.mapper';
import type { Benchmark, BenchFigure } from './bench.types';
import { benchReplyMessage, benchReplyText } from './flux-bench-entries';

const DECODE_ENTRIES = Number(process.env.FLUX_BENCH_ENTRIES ?? 50_000);
const LIST_ENTRIES = Number(process.env.FLUX_BENCH_LIST ?? 100_000);
const CHUNK = 64 * 1024;

function bestRate(count: number, runs: number, work: () => void): number {
  let best = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    work();
    best = Math.max(best, count / ((performance.now() - start) / 1000));
  }
  return best;
}

/** Decode throughput of streamed job-list replies, entries/s, vs JSON.parse of the same texts. */
export async function measureDecode(count = DECODE_ENTRIES): Promise<BenchFigure[]> {
  const texts = Array.from({ length: count }, (_, i) => benchReplyText(i));
  const stream = Buffer.concat(texts.map((t) => benchReplyMessage(t, 7)));
  const chunks: Buffer[] = [];
  for (let off = 0; off < stream.length; off += CHUNK) chunks.push(stream.subarray(off, off + CHUNK));
  let sink = 0;
  const baseline = bestRate(count, 3, () => {
    for (const t of texts) sink += (JSON.parse(t) as { jobs: unknown[] }).jobs.length;
  });
  const full = bestRate(count, 3, () => {
    const decoder = new FluxDecoder();
    for (const chunk of chunks) {
      for (const msg of decoder.decode(chunk)) {
        const jobs = decodeJsonPayload(msg.payload as Uint8Array).jobs as Array<Record<string, unknown>>;
        for (const job of jobs) sink += mapJobEntry(job).userId;
      }
    }
  });
  const framing = bestRate(count, 3, () => {
    const decoder = new FluxDecoder();
    for (const chunk of chunks) for (const msg of decoder.decode(chunk)) sink += msg.aux2;
  });
  if (sink === 0) throw new Error('nothing decoded');
  return [
    { label: `framing only (${(stream.length / 1024 / 1024).toFixed(1)} MiB)`, value: framing, unit: 'entries/s' },
    { label: 'framing + strict payload + lossless JSON + mapper', value: full, unit: 'entries/s', baseline: { label: 'JSON.parse of the same payloads', value: baseline } },
  ];
}

/** Lists `count` jobs from a child-process broker through the datasource: wall time, rate, peak RSS growth. */
export async function measureList(count = LIST_ENTRIES): Promise<BenchFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'flux-bench-'));
  const path = join(dir, 'local');
  const child = spawn(process.execPath, [join(__dirname, 'flux-list-server.js'), path, String(count)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench broker exited with ${code}`)));
  });
  const flux = createFluxDatasource({ uri: `local://${path}`, poolSize: 1 });
  (globalThis as { gc?: () => void }).gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const start = performance.now();
  let n = 0;
  try {
    for await (const job of flux.listJobs({})) if (job.id > 0n) n++;
  } finally {
    clearInterval(sampler);
    await flux.close();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().rss);
  if (n !== count) throw new Error(`listed ${n} of ${count} jobs`);
  return [
    { label: `listed ${count.toLocaleString('en-US')} jobs, wall time`, value: seconds * 1000, unit: 'ms' },
    { label: 'end-to-end rate', value: count / seconds, unit: 'entries/s' },
    { label: 'peak RSS growth', value: (peak - rss0) / 1024 / 1024, unit: 'MiB' },
  ];
}

/** The benchmarks bench/run.ts runs from this module. */
export const benchmarks: Benchmark[] = [
  { name: 'Flux job-list listing over a Unix socket', run: () => measureList() },
  { name: 'Flux job-list reply decoding', run: () => measureDecode() },
];
