/**
 * CPU per `job-info.lookup` in the Flux simulator: the forwarder's request (keys `eventlog`,
 * `jobspec`, `J`, flags 3 = JSON_DECODE|CURRENT) answered by the simulator's `lookup` for every
 * inactive job of `generateDataset({ jobCount: 20000, seed: 3, now: 1_795_400_000 })`
 * (`FLUX_LOOKUP_JOBS` to change the count), called in process. Baseline, same process and jobs:
 * the pre-2026-11 writers (bench/reference/), which also check every reply byte for byte. The first
 * pass encodes each job's texts into the store (job-texts.ts; reported as the first pass), then passes
 * alternate (baseline, current) `FLUX_LOOKUP_RUNS` times (default 5); the best of each is kept.
 * Then the same lookups end to end: the simulator in a child process (bench/flux-sim-child.ts)
 * answering the real client over its Unix socket, 256 in flight; the figure is the child's CPU
 * per lookup (request decoding, lookup, reply encoding, socket writes, GC), first pass (cold, as
 * in a forwarding pass) and best of 3. Run: `npm run bench -- flux-lookup`.
 */
import { createFluxDatasource } from '../src/datasources/flux/create-flux-datasource';
import { encodeTextPayload } from '../src/datasources/flux/flux-payload';
import { toWireId } from '../src/datasources/flux/wire-id';
import { generateDataset } from '../src/simulators/dataset';
import { lookup } from '../src/simulators/flux/job-info.service';
import { OutputKeeper } from '../src/simulators/flux/job-output';
import { JobStore } from '../src/simulators/flux/job-store';
import type { SimCall, SimReply } from '../src/simulators/flux/sim-service';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import { ownCpuMs, processCpuMs } from './process-cpu';
import { referenceLookupReply } from './reference/job-info.reference';

const KEYS = ['eventlog', 'jobspec', 'J'];
const FLAGS = 3;
const RUNS = Number(process.env.FLUX_LOOKUP_RUNS ?? 5);
const SEED = 3;
const NOW = 1_795_400_000;

/** CPU µs per call of `answer` over `ids`, best of the passes given. */
function cpuPerCall(ids: readonly bigint[], answer: (wireId: bigint) => { length: number }): number {
  const before = ownCpuMs();
  let bytes = 0;
  for (const id of ids) bytes += answer(id).length;
  if (bytes === 0) throw new Error('no reply');
  return ((ownCpuMs() - before) * 1000) / ids.length;
}

/** Times the lookups of every inactive job, current against reference; figures for bench/run.ts. */
export function measureLookup(jobCount = Number(process.env.FLUX_LOOKUP_JOBS ?? 20_000)): BenchFigure[] {
  const store = new JobStore(generateDataset({ jobCount, seed: SEED, now: NOW }));
  const inactive = store.lists().inactive;
  const wireIds = inactive.map((job) => toWireId(job.id));
  const byWireId = new Map(inactive.map((job, i) => [wireIds[i] as bigint, store.get(job.id)!]));
  const call: SimCall = {
    store,
    output: new OutputKeeper(store, () => NOW),
    caller: { uid: 0, owner: true },
    settings: { maxComparisons: 0, privateMode: false, preV082: false },
    payload: {},
    streaming: false,
    signal: new AbortController().signal,
  };
  /** The reply's payload frame, as the connection writes it. */
  const current = (wireId: bigint): Uint8Array => {
    call.payload = { id: wireId, keys: KEYS, flags: FLAGS };
    const [reply] = lookup(call) as Iterable<SimReply>;
    if (!reply || !('frame' in reply)) throw new Error(`lookup of ${wireId} failed`);
    return reply.frame;
  };
  const reference = (wireId: bigint): string => referenceLookupReply(byWireId.get(wireId)!, wireId, KEYS, FLAGS)!;
  // The first pass writes every job's texts and reply into the store (job-texts.ts), the later ones read them.
  const cold = cpuPerCall(wireIds, current);
  for (const id of wireIds)
    if (!encodeTextPayload(reference(id)).equals(current(id)))
      throw new Error(`lookup of ${id} differs from the reference`);

  let best = Infinity;
  let baseline = Infinity;
  for (let run = 0; run < RUNS; run++) {
    baseline = Math.min(baseline, cpuPerCall(wireIds, reference));
    best = Math.min(best, cpuPerCall(wireIds, current));
  }
  const perSecond = (us: number): number => 1e6 / us;
  return [
    {
      label: `CPU per lookup, first pass (each job's texts encoded into the store), ${wireIds.length} jobs`,
      value: cold,
      unit: 'µs',
      baseline: { label: 'pre-2026-11 writers', value: baseline },
    },
    {
      label: `CPU per lookup (eventlog, jobspec, J; flags 3), ${wireIds.length} inactive jobs, texts stored, best of ${RUNS}`,
      value: best,
      unit: 'µs',
      baseline: { label: 'pre-2026-11 writers', value: baseline },
    },
    {
      label: 'lookups per CPU-second',
      value: perSecond(best),
      unit: 'lookups/s',
      baseline: { label: 'pre-2026-11 writers', value: perSecond(baseline) },
    },
  ];
}

/** The simulator's CPU per lookup over its socket, µs, for each of 3 passes over every inactive job. */
export async function measureSocketLookups(
  jobCount = Number(process.env.FLUX_LOOKUP_JOBS ?? 20_000),
): Promise<BenchFigure[]> {
  const child = await startFluxSimulatorProcess({ jobCount, seed: SEED, now: NOW });
  const socketPath = child.socketPath;
  const ids = generateDataset({ jobCount, seed: SEED, now: NOW })
    .jobs.filter((j) => j.job.state === 'INACTIVE')
    .map((j) => j.job.id);
  const flux = createFluxDatasource({ uri: `local://${socketPath}`, timeoutMs: 60_000, poolSize: 2, maxInFlight: 512 });
  try {
    const passes: number[] = [];
    for (let pass = 0; pass < 3; pass++) {
      const before = processCpuMs(child.pid);
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < ids.length)
          if (!(await flux.lookup(ids[next++] as bigint, ['eventlog', 'jobspec', 'J'])))
            throw new Error('lookup: unknown job');
      };
      await Promise.all(Array.from({ length: 256 }, worker));
      passes.push(((processCpuMs(child.pid) - before) * 1000) / ids.length);
    }
    return [
      {
        label: `simulator CPU per lookup over its socket, first pass of ${ids.length}`,
        value: passes[0] as number,
        unit: 'µs',
      },
      { label: 'simulator CPU per lookup over its socket, best of 3 passes', value: Math.min(...passes), unit: 'µs' },
    ];
  } finally {
    await flux.close();
    child.close();
  }
}

/** The simulator lookup benchmarks, for bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: 'flux-lookup: CPU of the simulator answering job-info.lookup', run: () => Promise.resolve(measureLookup()) },
  { name: 'flux-lookup: simulator CPU per lookup over its Unix socket', run: () => measureSocketLookups() },
];
