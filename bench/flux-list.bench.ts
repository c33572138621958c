/**
 * Listing N jobs (default 100,000, `FLUX_BENCH_JOBS`) from the Flux broker simulator (the real
 * one, over a generated dataset, in a child process) over its Unix socket, end to end through the
 * datasource (`listJobs`, streamed, mapped): entries/s, wall time and peak RSS growth of this
 * process, best and median of `FLUX_BENCH_RUNS` (default 3) listings. Baseline, same process and
 * socket: the first listing read by the bare decoder (frames only, no JSON; the simulator formats
 * every entry then, later listings reuse its encoded entries). Run: `npm run bench -- flux-list`.
 */
import { fork } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createFluxDatasource } from '../src/datasources/flux/create-flux-datasource';
import { encodeMessage, FluxDecoder } from '../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE, FLUX_NODEID_ANY, FLUX_USERID_UNKNOWN } from '../src/datasources/flux/flux-message';
import { encodeTextPayload } from '../src/datasources/flux/flux-payload';
import type { Benchmark, BenchFigure } from './bench.types';

const ALL_STATES = ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'] as const;
const LIST_ALL = '{"max_entries":0,"attrs":["all"],"since":0.0,"constraint":{"and":[{"states":[126]}]}}';
const MiB = 1024 * 1024;
const RUNS = Number(process.env.FLUX_BENCH_RUNS ?? 3);

/** Starts the simulator child over `jobCount` generated jobs; `stop` ends it. */
export function startSimulator(jobCount: number): Promise<{ socketPath: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'flux-sim-child.js'), [String(jobCount)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`simulator child exited (${code})`)));
    child.once('message', (m: { socketPath: string }) =>
      resolve({ socketPath: m.socketPath, stop: () => child.disconnect() }),
    );
  });
}

/** Reads one streamed job-list reply sequence with the decoder alone; returns the entries seen. */
function decodeOnly(socketPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const decoder = new FluxDecoder();
    let handshake = true;
    let entries = 0;
    const socket = connect(socketPath);
    socket.on('error', reject);
    socket.on('data', (chunk: Buffer) => {
      const data = handshake ? chunk.subarray(1) : chunk;
      handshake = false;
      for (const msg of decoder.decode(data)) {
        if (msg.aux1 !== 0) {
          socket.destroy();
          return resolve(entries);
        }
        entries++;
      }
    });
    socket.write(
      encodeMessage({
        type: FLUX_MSGTYPE.REQUEST,
        flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE | FLUX_MSGFLAG.STREAMING,
        userid: FLUX_USERID_UNKNOWN,
        rolemask: 0,
        aux1: FLUX_NODEID_ANY,
        aux2: 1,
        routes: [],
        topic: 'job-list.list',
        payload: encodeTextPayload(LIST_ALL),
      }),
    );
  });
}

/** Lists `jobs` (default `FLUX_BENCH_JOBS` or 100,000) from the simulator; figures for bench/run.ts. */
export async function measureSimulatorList(
  jobs = Number(process.env.FLUX_BENCH_JOBS ?? 100_000),
): Promise<BenchFigure[]> {
  const sim = await startSimulator(jobs);
  try {
    let t = performance.now();
    const raw = await decodeOnly(sim.socketPath);
    const rawSeconds = (performance.now() - t) / 1000;

    const flux = createFluxDatasource({ uri: `local://${sim.socketPath}`, timeoutMs: 60_000, poolSize: 1 });
    const rates: number[] = [];
    let growth = 0;
    let seconds = Infinity;
    for (let run = 0; run < RUNS; run++) {
      (globalThis as { gc?: () => void }).gc?.();
      const rssBefore = process.memoryUsage.rss();
      let peak = rssBefore;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
      let listed = 0;
      t = performance.now();
      for await (const job of flux.listJobs({ states: [...ALL_STATES] })) {
        if (job.id > 0n) listed++;
        if ((listed & 1023) === 0) peak = Math.max(peak, process.memoryUsage.rss());
      }
      const elapsed = (performance.now() - t) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage.rss());
      if (listed !== jobs) throw new Error(`listed ${listed} of ${jobs} jobs`);
      rates.push(listed / elapsed);
      seconds = Math.min(seconds, elapsed);
      growth = Math.max(growth, (peak - rssBefore) / MiB);
    }
    await flux.close();
    if (raw !== jobs) throw new Error(`decoded ${raw} of ${jobs} jobs`);
    const sorted = [...rates].sort((a, b) => a - b);
    const rate = sorted[sorted.length - 1] as number;
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    return [
      {
        label: `listing ${jobs} jobs end to end, best of ${RUNS} (target ≥ 100,000)`,
        value: rate,
        unit: 'entries/s',
        baseline: { label: 'bare decoder on the same stream, first listing', value: raw / rawSeconds },
      },
      { label: `listing ${jobs} jobs end to end, median of ${RUNS}`, value: median, unit: 'entries/s' },
      { label: 'wall time, best', value: seconds, unit: 's', baseline: { label: 'bare decoder', value: rawSeconds } },
      { label: 'peak RSS growth, worst run (target < 100)', value: growth, unit: 'MiB' },
    ];
  } finally {
    sim.stop();
  }
}

/** The simulator listing benchmark, for bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: 'flux-list: jobs from the broker simulator over its Unix socket', run: () => measureSimulatorList() },
];
