/**
 * A dashboard's page of 500 jobs with eventlog (name, timestamp, context) and jobspec (command,
 * attributes, resources), over HTTP, the gateway in its own process (bench/gateway/gateway-child.ts)
 * and the Flux simulator in another (5,000-job dataset). (a) Gateway CPU per job: the gateway
 * process's CPU over a slice of page requests ÷ jobs served, against the same process's CPU for
 * the same data fetched with the bare Flux client (list 500 + 500 lookups), in alternating slices;
 * the difference is what the GraphQL layer costs per job. (b) The GraphQL layer's own time for one
 * 500-job execution (bench/gateway/layer-time.ts). (c) The executor: jit against graphql-js, two
 * gateway processes, interleaved slices. `BENCH_ROUNDS` (default 8) slice pairs.
 */
import 'reflect-metadata';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../src/datasources/users/static-user-database';
import { createServer } from '../src/server/create-server';
import { generateDataset } from '../src/simulators/dataset';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import { startGatewayProcess } from './gateway/gateway-process';
import type { GatewayProcess } from './gateway/gateway-process';
import { measureLayerTime } from './gateway/layer-time';
import { fetchPage, PAGE_FIELDS } from './gateway/page-query';
import { median } from './gateway/load';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 8);
const PAGES_PER_SLICE = 4;
const JOBS = 500;
const DATASET = { jobCount: 5000, seed: 1, now: Math.floor(Date.now() / 1000) };

async function gatewayCpuPerJob(): Promise<BenchFigure[]> {
  const sim = await startFluxSimulatorProcess(DATASET);
  const gateway = await startGatewayProcess(sim.uri, DATASET);
  try {
    const page = async (): Promise<void> => {
      const jobs = await fetchPage(gateway.url, { first: JOBS });
      if (jobs.edges.length !== JOBS) throw new Error(`page of ${jobs.edges.length} jobs`);
    };
    for (let i = 0; i < 10; i++) await page();
    await gateway.bareClientCpuMs(JOBS, 10);
    const served: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = await gateway.cpuMs();
      for (let i = 0; i < PAGES_PER_SLICE; i++) await page();
      served.push((((await gateway.cpuMs()) - before) * 1000) / (PAGES_PER_SLICE * JOBS));
      bare.push(((await gateway.bareClientCpuMs(JOBS, PAGES_PER_SLICE)) * 1000) / (PAGES_PER_SLICE * JOBS));
    }
    return [
      {
        label: `gateway process CPU per job, ${JOBS}-job page over HTTP (median of ${ROUNDS} slices)`,
        value: median(served),
        unit: 'µs',
        baseline: { label: 'bare Flux client, same data, same process, interleaved', value: median(bare) },
      },
      {
        label: 'gateway CPU per job minus the bare client (median of slice pairs; target ≤ 61 µs, half of 122)',
        value: median(served.map((s, i) => s - (bare[i] as number))),
        unit: 'µs',
      },
    ];
  } finally {
    gateway.close();
    sim.close();
  }
}

/**
 * The executor, same run: two gateway processes over one simulator, `JOBGRAPH_EXECUTOR=jit` and
 * `graphql-js`, CPU per job over alternating slices of page requests (what chose the default).
 */
async function executorCpuPerJob(): Promise<BenchFigure[]> {
  const sim = await startFluxSimulatorProcess(DATASET);
  const jit = await startGatewayProcess(sim.uri, DATASET, { JOBGRAPH_EXECUTOR: 'jit' });
  const reference = await startGatewayProcess(sim.uri, DATASET, { JOBGRAPH_EXECUTOR: 'graphql-js' });
  try {
    const slice = async (gateway: GatewayProcess, pages: number): Promise<number> => {
      const before = await gateway.cpuMs();
      for (let i = 0; i < pages; i++) {
        const jobs = await fetchPage(gateway.url, { first: JOBS });
        if (jobs.edges.length !== JOBS) throw new Error(`page of ${jobs.edges.length} jobs`);
      }
      return (((await gateway.cpuMs()) - before) * 1000) / (pages * JOBS);
    };
    await slice(jit, 10);
    await slice(reference, 10);
    const compiled: number[] = [];
    const interpreted: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      compiled.push(await slice(jit, PAGES_PER_SLICE));
      interpreted.push(await slice(reference, PAGES_PER_SLICE));
    }
    return [
      {
        label: `gateway process CPU per job, JOBGRAPH_EXECUTOR=jit (median of ${ROUNDS} slices)`,
        value: median(compiled),
        unit: 'µs',
        baseline: { label: 'JOBGRAPH_EXECUTOR=graphql-js, interleaved slices', value: median(interpreted) },
      },
      {
        label: 'jit/graphql-js CPU per job, median of slice pairs',
        value: median(compiled.map((c, i) => c / (interpreted[i] as number))),
        unit: '×',
      },
    ];
  } finally {
    jit.close();
    reference.close();
    sim.close();
  }
}

async function layerTime(): Promise<BenchFigure[]> {
  const { users } = generateDataset(DATASET);
  const sim = await startFluxSimulatorProcess(DATASET);
  const config = loadConfig({ env: { FLUX_URI: sim.uri, JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off' } });
  const { datasources, policies } = createDatasources(config, { users: createStaticUserDatabase(users) });
  const server = await createServer({ config, datasources, policies, logger: pino({ level: 'silent' }) });
  try {
    const query = `{ jobs(first: ${JOBS}) { edges { node { ${PAGE_FIELDS} } } } }`;
    const layer = await measureLayerTime(server, datasources, query, ROUNDS * 5);
    return [
      { label: `${JOBS}-job page, one execution (fresh context, median)`, value: layer.executionMs, unit: 'ms' },
      {
        label: `${JOBS}-job page, its Flux calls replayed with the bare client (median)`,
        value: layer.datasourceMs,
        unit: 'ms',
      },
      {
        label: `${JOBS}-job page, GraphQL layer own time (execution − datasource calls, median of pairs; target ≤ 12 ms, half of the issue’s ~24 ms)`,
        value: layer.layerMs,
        unit: 'ms',
      },
      {
        label: `${JOBS}-job page, layer share of one execution (45 % before issue #19; not a target: it rises as the Flux calls get cheaper)`,
        value: (100 * layer.layerMs) / layer.executionMs,
        unit: '%',
      },
    ];
  } finally {
    await server.close(1_000);
    await closeDatasources(datasources);
    sim.close();
  }
}

/** Registered with bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: `gateway page (${JOBS} jobs with eventlog and jobspec): CPU per job`, run: gatewayCpuPerJob },
  { name: `gateway page (${JOBS} jobs): GraphQL layer own time`, run: layerTime },
  { name: `gateway page (${JOBS} jobs): executor jit vs graphql-js, same run`, run: executorCpuPerJob },
];
