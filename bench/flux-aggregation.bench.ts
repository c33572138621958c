/**
 * `jobAggregations(source: FLUX)` over N live jobs (default 100,000, `FLUX_BENCH_JOBS`) from the
 * Flux broker simulator (a child process, over its Unix socket): seven vocabulary aggregations
 * (terms STATUS, QUEUE, USER; date histogram SUBMITTED_AT per day; range, average and percentiles
 * of RUNTIME) computed in the gateway from one streamed job-list listing asking only the
 * attributes they read. Wall time and peak RSS growth, best of `FLUX_BENCH_RUNS` (default 3).
 * Baseline, same process and socket: the same jobs listed with every attribute (what `jobs`
 * pages read), held in no array either. Run: `npm run bench -- flux-aggregation`.
 */
import { createFluxDatasource } from '../src/datasources/flux/create-flux-datasource';
import { createFluxAggregationBackend } from '../src/datasources/flux/flux-aggregation';
import { FluxClusters } from '../src/datasources/flux/flux-clusters';
import type { AggregationSpec } from '../src/datasources/aggregation/aggregation-query';
import { translateAggregation } from '../src/datasources/aggregation/aggregation-vocabulary';
import { FLUX_VOCABULARY } from '../src/datasources/flux/flux-aggregation.vocabulary';
import { createStaticUserDatabase } from '../src/datasources/users/static-user-database';
import type { Benchmark, BenchFigure } from './bench.types';
import { startSimulator } from './flux-list.bench';

const MiB = 1024 * 1024;
const RUNS = Number(process.env.FLUX_BENCH_RUNS ?? 3);
const ALL_STATES = ['DEPEND', 'PRIORITY', 'SCHED', 'RUN', 'CLEANUP', 'INACTIVE'] as const;

const AGGS: AggregationSpec[] = [
  { name: 'status', kind: 'TERMS', field: 'STATUS', size: 10 },
  { name: 'queue', kind: 'TERMS', field: 'QUEUE', size: 10 },
  { name: 'user', kind: 'TERMS', field: 'USER', size: 10 },
  { name: 'perDay', kind: 'DATE_HISTOGRAM', field: 'SUBMITTED_AT', calendarInterval: 'day' },
  { name: 'runtimes', kind: 'RANGE', field: 'RUNTIME', ranges: [{ to: 60 }, { from: 60, to: 3600 }, { from: 3600 }] },
  { name: 'avgRuntime', kind: 'METRIC', field: 'RUNTIME', op: 'AVG' },
  { name: 'p', kind: 'METRIC', field: 'RUNTIME', op: 'PERCENTILES', percents: [50, 95, 99] },
];

/** Runs `work` RUNS times; the best wall time and the worst peak RSS growth. */
async function measure(work: () => Promise<number>, jobs: number): Promise<{ seconds: number; growthMiB: number }> {
  let seconds = Infinity;
  let growth = 0;
  for (let run = 0; run < RUNS; run++) {
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const t = performance.now();
    const counted = await work();
    seconds = Math.min(seconds, (performance.now() - t) / 1000);
    clearInterval(sampler);
    growth = Math.max(growth, (Math.max(peak, process.memoryUsage.rss()) - before) / MiB);
    if (counted !== jobs) throw new Error(`read ${counted} of ${jobs} jobs`);
  }
  return { seconds, growthMiB: growth };
}

/** The FLUX aggregation figures for bench/run.ts. */
export async function measureFluxAggregation(
  jobs = Number(process.env.FLUX_BENCH_JOBS ?? 100_000),
): Promise<BenchFigure[]> {
  const sim = await startSimulator(jobs);
  const flux = createFluxDatasource({ uri: `local://${sim.socketPath}`, timeoutMs: 60_000, poolSize: 1 });
  try {
    const backend = createFluxAggregationBackend({
      clusters: new FluxClusters([{ name: 'bench', flux }]),
      users: createStaticUserDatabase([]),
      maxJobs: 1_000_000,
    });
    const specs = AGGS.map((spec) => translateAggregation(FLUX_VOCABULARY, spec).spec);
    const listing = await measure(async () => {
      let n = 0;
      for await (const job of flux.listJobs({ states: [...ALL_STATES] })) if (job.id > 0n) n++;
      return n;
    }, jobs);
    const aggregation = await measure(async () => (await backend.aggregate({}, specs)).total, jobs);
    return [
      {
        label: `FLUX aggregation of ${jobs} jobs, 7 aggregations, best of ${RUNS}`,
        value: aggregation.seconds,
        unit: 's',
        baseline: { label: 'listing the same jobs with every attribute', value: listing.seconds },
      },
      {
        label: 'FLUX aggregation throughput',
        value: jobs / aggregation.seconds,
        unit: 'jobs/s',
        baseline: { label: 'full listing', value: jobs / listing.seconds },
      },
      {
        label: 'peak RSS growth, worst run',
        value: aggregation.growthMiB,
        unit: 'MiB',
        baseline: { label: 'full listing', value: listing.growthMiB },
      },
    ];
  } finally {
    await flux.close();
    sim.stop();
  }
}

/** The FLUX aggregation benchmark, for bench/run.ts. */
export const benchmarks: Benchmark[] = [
  {
    name: 'flux-aggregation: jobAggregations(source: FLUX) over the broker simulator',
    run: () => measureFluxAggregation(),
  },
];
