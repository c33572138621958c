/**
 * CPU of the project's Flux client per looked-up job, as a gateway page looks jobs up: 4 pages
 * of 500 `lookup(id, ['jobspec', 'eventlog'])` calls at once (the datasource's batched lookup,
 * with the fault policy `createDatasources` gives it), against a broker that only replays the
 * simulator's replies (bench/flux-replay-child.ts, its own process), so that this process holds
 * the client alone. The figure is this process's CPU per job (mean over FLUX_CLIENT_PASSES
 * passes of the 2,000 jobs, default 20, after 5 warm-up passes: GC included). Baseline, same
 * process, same reply texts: what no client can avoid — UTF-8 decoding the payloads and
 * `JSON.parse` of each reply and of each eventlog line, a page's results held until the page is
 * done (the "JSON floor"). Run:
 * `npm run bench -- flux-client`.
 */
import { fork } from 'node:child_process';
import { extname, join } from 'node:path';
import { loadConfig } from '../src/config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import type { Benchmark, BenchFigure } from './bench.types';
import { lookupReplies } from './flux-replay-replies';
import { ownCpuMs } from './process-cpu';

const DATASET = { jobCount: 5000, seed: 1, now: 1_795_400_000 };
const JOBS = 2000;
const PAGE = 500;
const PASSES = Number(process.env['FLUX_CLIENT_PASSES'] ?? 20);
const WARM_UP = 5;

async function startReplayBroker(): Promise<{ uri: string; close(): void }> {
  const child = fork(
    join(__dirname, `flux-replay-child${extname(__filename)}`),
    [DATASET.jobCount, DATASET.seed, DATASET.now, JOBS].map(String),
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const { socketPath } = await new Promise<{ socketPath: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`replay broker exited (${code})`)));
    child.once('message', (m) => resolve(m as { socketPath: string }));
  });
  return { uri: `local://${socketPath}`, close: () => child.disconnect() };
}

/** CPU µs per job of `pass` (over all jobs), mean of PASSES after the warm-up. */
async function cpuPerJob(pass: () => Promise<void> | void): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await pass();
  const before = ownCpuMs();
  for (let i = 0; i < PASSES; i++) await pass();
  return ((ownCpuMs() - before) * 1000) / (PASSES * JOBS);
}

async function measure(): Promise<BenchFigure[]> {
  const recorded = lookupReplies(DATASET, JOBS);
  if (recorded.length !== JOBS) throw new Error(`${recorded.length} inactive jobs, not ${JOBS}`);
  const payloads = recorded.map((r) => Buffer.from(`${r.json}\0`));
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let sink = 0;
  // A page's parsed answers are held until the page is done, as the client's are (GC counts).
  const page: unknown[] = [];
  const floor = await cpuPerJob(() => {
    for (const [i, bytes] of payloads.entries()) {
      if (i % PAGE === 0) page.length = 0;
      const reply = JSON.parse(utf8.decode(bytes.subarray(0, bytes.length - 1))) as { eventlog: string };
      const events = reply.eventlog.split('\n').flatMap((line) => (line === '' ? [] : [JSON.parse(line) as unknown]));
      page.push(reply, events);
      sink += events.length;
    }
  });
  const broker = await startReplayBroker();
  const { datasources } = createDatasources(loadConfig({ env: { FLUX_URI: broker.uri } }));
  const ids = recorded.map((r) => r.id);
  try {
    const client = await cpuPerJob(async () => {
      for (let at = 0; at < JOBS; at += PAGE) {
        const infos = await Promise.all(
          ids.slice(at, at + PAGE).map((id) => datasources.flux.lookup(id, ['jobspec', 'eventlog'])),
        );
        for (const info of infos) sink += info?.eventlog?.length ?? Number.NaN;
      }
    });
    if (Number.isNaN(sink)) throw new Error('a lookup came back without its eventlog');
    return [
      {
        label: `client CPU per looked-up job (${JOBS / PAGE} pages of ${PAGE}, mean of ${PASSES} passes, GC included)`,
        value: client,
        unit: 'µs',
        baseline: { label: 'the JSON floor (UTF-8 decode + JSON.parse of reply and eventlog lines)', value: floor },
      },
    ];
  } finally {
    await closeDatasources(datasources);
    broker.close();
  }
}

/** Registered with bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: `flux-client: Flux client CPU per looked-up job (${JOBS} jobs, replaying broker)`, run: measure },
];
