/**
 * The seed's way against the gateway, at a realistic round-trip time: the Flux simulator in its
 * own process delaying every request 1 ms (BENCH_RTT_MS) before serving it, as a 1 ms round trip
 * would. (a) What facilities ran: list the 2,000 most recent inactive jobs with the project's own
 * Flux client, then look up each job's jobspec and eventlog (one job-info.lookup per job) one
 * after the other. (b) The same 2,000 jobs with the same fields paged through the gateway (its
 * own process) over HTTP, `jobs(first: 500, filter: { states: [INACTIVE] })`, page after page.
 * Wall time of each, in alternating rounds (BENCH_ROUNDS, default 7); the ratio a/b is how much
 * faster the gateway is (target ≥ 20×). Beside it, the CPU each process spent per job during (b)
 * (gateway, simulator) and this process's during (a): (b) is bounded by the gateway's CPU per job,
 * (a) by the round trips. (c) The same pages from a hand-written endpoint in the gateway's process
 * (bench/gateway/page-ceiling.ts: the gateway's pager and Flux client, no GraphQL): a/c is what
 * paging over this client can reach at all, b/c what the GraphQL layer costs on top.
 */
import { loadConfig } from '../src/config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import { startGatewayProcess } from './gateway/gateway-process';
import { fetchPage } from './gateway/page-query';
import { median } from './gateway/load';
import { ownCpuMs, processCpuMs } from './process-cpu';

/**
 * Alternating rounds of (a), (b), (c) (BENCH_ROUNDS, default 7). With 3, one build's runs spread
 * ±15–40 % on a shared 2-core machine, so a 10 % change did not resolve (bench/RESULTS.md, 2026-12-07).
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 7);
/**
 * Walks of (b) and (c) before the measured rounds (BENCH_WARMUP, default 10): a gateway in service
 * has answered many pages, so its compiled queries and the client's hot paths are optimized and
 * V8 has sized its heap. After one warm-up walk the gateway's CPU per job still fell from 62–139 µs
 * over the next twelve walks to 46–66 µs after them (bench/RESULTS.md, 2026-12-07), so the rounds
 * measured a gateway still warming up; (c) gets the same warm-up, and (a) warms itself (2,000 calls).
 */
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 10);
const RTT_MS = Number(process.env['BENCH_RTT_MS'] ?? 1);
const JOBS = 2000;
const PAGE = 500;
const DATASET = { jobCount: 5000, seed: 1, now: Math.floor(Date.now() / 1000) };

async function measure(): Promise<BenchFigure[]> {
  const sim = await startFluxSimulatorProcess({ ...DATASET, delayMs: RTT_MS });
  const gateway = await startGatewayProcess(sim.uri, DATASET);
  const { datasources } = createDatasources(loadConfig({ env: { FLUX_URI: sim.uri } }));
  const flux = datasources.flux;
  const cpu = { a: [] as number[], gateway: [] as number[], sim: [] as number[], ceiling: [] as number[] };
  const sequential = async (): Promise<number> => {
    const t0 = performance.now();
    const own = ownCpuMs();
    const ids: bigint[] = [];
    for await (const job of flux.listJobs({ states: ['INACTIVE'], maxEntries: JOBS })) ids.push(job.id);
    if (ids.length !== JOBS) throw new Error(`listed ${ids.length} inactive jobs`);
    for (const id of ids) if (!(await flux.lookup(id, ['jobspec', 'eventlog']))) throw new Error('unknown job');
    const wall = performance.now() - t0;
    cpu.a.push(((ownCpuMs() - own) * 1000) / JOBS);
    return wall;
  };
  /** Pages through the 2,000 jobs with `page` (the gateway's or the ceiling's), its process CPU into `into`. */
  const walk = async (
    page: (after: string | null) => Promise<{ jobs: number; hasNextPage: boolean; endCursor: string | null }>,
    into: number[],
  ): Promise<number> => {
    const gatewayBefore = await gateway.cpuMs();
    const simBefore = processCpuMs(sim.pid);
    const t0 = performance.now();
    let after: string | null = null;
    let jobs = 0;
    while (jobs < JOBS) {
      const next = await page(after);
      jobs += next.jobs;
      after = next.endCursor;
      if (!next.hasNextPage) break;
    }
    if (jobs !== JOBS) throw new Error(`paged ${jobs} jobs`);
    const wall = performance.now() - t0;
    into.push((((await gateway.cpuMs()) - gatewayBefore) * 1000) / JOBS);
    if (into === cpu.gateway) cpu.sim.push(((processCpuMs(sim.pid) - simBefore) * 1000) / JOBS);
    return wall;
  };
  const paged = (): Promise<number> =>
    walk(async (after) => {
      const page = await fetchPage(gateway.url, { first: PAGE, after, filter: { states: ['INACTIVE'] } });
      return { jobs: page.edges.length, ...page.pageInfo };
    }, cpu.gateway);
  const handWritten = (): Promise<number> =>
    walk(async (after) => {
      const response = await fetch(gateway.ceilingUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ first: PAGE, after, states: ['INACTIVE'] }),
      });
      const page = (await response.json()) as { jobs: unknown[]; hasNextPage: boolean; endCursor: string | null };
      if (!Array.isArray(page.jobs)) throw new Error(`ceiling page failed: ${JSON.stringify(page).slice(0, 300)}`);
      return { jobs: page.jobs.length, hasNextPage: page.hasNextPage, endCursor: page.endCursor };
    }, cpu.ceiling);
  try {
    for (let walk = 0; walk < Math.max(1, WARMUP); walk++) {
      await paged();
      await handWritten();
    }
    for (const list of Object.values(cpu)) list.length = 0;
    const a: number[] = [];
    const b: number[] = [];
    const c: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      a.push(await sequential());
      b.push(await paged());
      c.push(await handWritten());
    }
    return [
      {
        label: `(a) sequential list + ${JOBS} lookups, own client, ${RTT_MS} ms round trip (median of ${ROUNDS})`,
        value: median(a),
        unit: 'ms',
      },
      {
        label: `(b) ${JOBS / PAGE} gateway pages of ${PAGE} over HTTP, same fields (median of ${ROUNDS})`,
        value: median(b),
        unit: 'ms',
      },
      {
        label: 'seed/gateway time ratio a/b, median of round pairs (target ≥ 20)',
        value: median(a.map((x, i) => x / (b[i] as number))),
        unit: '×',
      },
      {
        label: '(b) gateway process CPU per job (the bound on b: 72 µs for 20×)',
        value: median(cpu.gateway),
        unit: 'µs',
      },
      { label: '(b) simulator process CPU per job (10 ms ticks)', value: median(cpu.sim), unit: 'µs' },
      {
        label: `(c) ${JOBS / PAGE} hand-written endpoint pages (same pager and client, no GraphQL; median of ${ROUNDS})`,
        value: median(c),
        unit: 'ms',
      },
      {
        label: 'seed/hand-written ratio a/c: what paging over this client reaches at all',
        value: median(a.map((x, i) => x / (c[i] as number))),
        unit: '×',
      },
      {
        label: 'gateway/hand-written time b/c (the GraphQL layer on top)',
        value: median(b.map((x, i) => x / (c[i] as number))),
        unit: '×',
      },
      { label: '(c) hand-written endpoint process CPU per job', value: median(cpu.ceiling), unit: 'µs' },
      { label: '(a) this process CPU per lookup (the project client, sequential)', value: median(cpu.a), unit: 'µs' },
    ];
  } finally {
    await closeDatasources(datasources);
    gateway.close();
    sim.close();
  }
}

/** Registered with bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: `the seed's way (${JOBS} inactive jobs, sequential lookups) vs gateway pages`, run: measure },
];
