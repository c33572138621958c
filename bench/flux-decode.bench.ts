/**
 * Flux job-list decoding: entries/s through the stream decoder, strict payload checks, BigInt-safe
 * JSON and the FluxJob mapper, against `JSON.parse` of the same payload texts in the same process.
 * `FLUX_BENCH_ENTRIES` (default 50,000) sizes it. Listing over a socket: flux-list.bench.ts.
 */
import { FluxDecoder } from '../src/datasources/flux/flux-codec';
import { decodeJsonPayload } from '../src/datasources/flux/flux-payload';
import { mapJobEntry } from '../src/datasources/flux/job.mapper';
import type { Benchmark, BenchFigure } from './bench.types';
import { benchReplyMessage, benchReplyText } from './flux-bench-entries';

const DECODE_ENTRIES = Number(process.env.FLUX_BENCH_ENTRIES ?? 50_000);
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
    {
      label: 'framing + strict payload + BigInt-safe JSON + mapper',
      value: full,
      unit: 'entries/s',
      baseline: { label: 'JSON.parse of the same payloads', value: baseline },
    },
  ];
}

/** The benchmarks bench/run.ts runs from this module. */
export const benchmarks: Benchmark[] = [{ name: 'Flux job-list reply decoding', run: () => measureDecode() }];
