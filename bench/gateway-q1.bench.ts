/**
 * Q1 = 100 jobs with state, timings, eventlog and jobspec, against the Flux simulator in its own
 * process over its Unix socket (5,000-job dataset), as a broker is: this process holds only the
 * gateway, the ceiling endpoint and the load generator. (a) Flux RPCs and sequential round-trip waves of one Q1, the
 * gateway's loaders vs a naive resolver set (each field calls the datasource) in the same
 * harness; (b) Q1 requests/s, p50 and p99 over HTTP; (c) the same joined data from a
 * hand-written fastify JSON endpoint calling the same FluxDatasource (the ceiling), and the
 * gateway/ceiling throughput ratio, measured in alternating one-second slices (gateway, ceiling,
 * gateway, …) so a shared machine's noise falls on both alike; (d) the GraphQL layer's own time:
 * one execution at a time minus the same datasource calls made bare (bench/gateway/layer-time.ts);
 * (e) the executor: throughput and layer time of the default (jit) against JOBGRAPH_EXECUTOR=graphql-js.
 * `BENCH_SECONDS` (default 10 per side) and `BENCH_CONCURRENCY` (default 8) size the load.
 */
import 'reflect-metadata';
import fastify from 'fastify';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import type { Datasources } from '../src/datasources/create-datasources';
import type { FluxDatasource } from '../src/datasources/flux/flux-datasource';
import type { FluxJob } from '../src/datasources/flux/flux-job';
import { formatJobId } from '../src/datasources/flux/job-id';
import { JOB_ENTRY_REQUIRED_ATTRS } from '../src/datasources/flux/job.mapper';
import { createStaticUserDatabase } from '../src/datasources/users/static-user-database';
import { JobFieldsResolver } from '../src/resolvers/job-fields.resolver';
import { JobQueryResolver } from '../src/resolvers/job-query.resolver';
import { buildJobgraphSchema } from '../src/schema/build-schema';
import { createServer } from '../src/server/create-server';
import type { GatewayServer } from '../src/server/create-server';
import { generateDataset } from '../src/simulators/dataset';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import { measureLayerTime } from './gateway/layer-time';
import { interleavedLoad, loadTest } from './gateway/load';
import { NaiveJobResolver } from './gateway/naive-job.resolver';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
/** The dataset ends now, as the pager (src/resolvers/job-pager.ts) expects a live instance to. */
const NOW = Math.floor(Date.now() / 1000);
/** Q1: 100 live jobs with state, timings, eventlog and jobspec (also measured with tracing on: gateway-q1-tracing.bench.ts). */
export const Q1 =
  '{ jobs(first: 100) { edges { node { id state submittedAt startedAt inactiveAt runtimeSeconds eventlog { name timestamp context } jobspec { command resources attributes } } } } }';

/** Wraps a datasource to count calls and sequential waves (a call starting while none is in flight opens a wave). */
function waveCounter(flux: FluxDatasource): { flux: FluxDatasource; reset(): void; waves(): number; calls(): number } {
  let inFlight = 0;
  let waves = 0;
  let calls = 0;
  const track = <T>(promise: Promise<T>): Promise<T> => {
    if (inFlight === 0) waves += 1;
    inFlight += 1;
    calls += 1;
    return promise.finally(() => (inFlight -= 1));
  };
  async function* trackStream<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
    let done!: () => void;
    void track(new Promise<void>((resolve) => (done = resolve)));
    try {
      yield* items;
    } finally {
      done();
    }
  }
  const wrapped: FluxDatasource = {
    ...flux,
    listJobs: (query, options) => trackStream(flux.listJobs(query, options)),
    getJob: (id) => track(flux.getJob(id)),
    lookup: (id, keys) => track(flux.lookup(id, keys)),
    jobStats: () => track(flux.jobStats()),
  };
  return { flux: wrapped, reset: () => ((waves = 0), (calls = 0)), waves: () => waves, calls: () => calls };
}

async function startGateway(
  datasources: Datasources,
  naive: boolean,
  executor: 'jit' | 'graphql-js' = 'jit',
): Promise<{ url: string; server: GatewayServer; close(): Promise<void> }> {
  const config = loadConfig({
    env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', JOBGRAPH_COMPRESSION: 'off', JOBGRAPH_EXECUTOR: executor },
  });
  const schema = naive ? buildJobgraphSchema([JobQueryResolver, JobFieldsResolver, NaiveJobResolver]) : undefined;
  const server = await createServer({
    config,
    datasources,
    logger: pino({ level: 'silent' }),
    ...(schema ? { schema } : {}),
  });
  return { url: `${await server.listen()}/graphql`, server, close: () => server.close(1_000) };
}

/**
 * What the ceiling reads of a job-list entry: the mapper's four and the timings it answers. A
 * hand-written endpoint lists only those, as the gateway does since issue #19's fourth stop
 * (src/resolvers/job-list-attrs.ts); listing all attributes made the baseline dearer than it must be.
 */
const CEILING_ATTRS = [...JOB_ENTRY_REQUIRED_ATTRS, 't_run', 't_cleanup', 't_inactive'];

/** The ceiling: one hand-written endpoint doing the same joins with the same client. */
async function startCeiling(flux: FluxDatasource): Promise<{ url: string; close(): Promise<void> }> {
  const app = fastify();
  app.post('/q1', async () => {
    const jobs: FluxJob[] = [];
    for await (const job of flux.listJobs({ maxEntries: 100, attrs: CEILING_ATTRS })) jobs.push(job);
    const infos = await Promise.all(jobs.map((job) => flux.lookup(job.id, ['eventlog', 'jobspec'])));
    return {
      jobs: jobs.map((job, i) => ({
        id: formatJobId(job.id),
        state: job.state,
        submittedAt: new Date(job.tSubmit * 1000).toISOString(),
        startedAt: job.tRun === undefined ? null : new Date(job.tRun * 1000).toISOString(),
        inactiveAt: job.tInactive === undefined ? null : new Date(job.tInactive * 1000).toISOString(),
        runtimeSeconds: job.tRun === undefined ? 0 : (job.tCleanup ?? Date.now() / 1000) - job.tRun,
        eventlog:
          infos[i]?.eventlog?.map((e) => ({
            name: e.name,
            timestamp: new Date(e.timestamp * 1000).toISOString(),
            context: e.context ?? null,
          })) ?? null,
        jobspec: infos[i]?.jobspec ?? null,
      })),
    };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}/q1`, close: () => app.close() };
}

async function measure(): Promise<BenchFigure[]> {
  const { users } = generateDataset({ seed: 1, jobCount: 5000, now: NOW });
  const sim = await startFluxSimulatorProcess({ jobCount: 5000, seed: 1, now: NOW });
  const config = loadConfig({ env: { FLUX_URI: sim.uri } });
  const { datasources: base } = createDatasources(config, { users: createStaticUserDatabase(users) });
  const counter = waveCounter(base.flux);
  const datasources: Datasources = { ...base, flux: counter.flux };
  const gateway = await startGateway(datasources, false);
  const naive = await startGateway(datasources, true);
  const reference = await startGateway(datasources, false, 'graphql-js');
  const ceiling = await startCeiling(base.flux);
  const body = JSON.stringify({ query: Q1 });
  const post = (url: string): Promise<string> =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.text());
  try {
    const figures: BenchFigure[] = [];
    for (const [label, url] of [
      ['loaders', gateway.url],
      ['naive', naive.url],
    ] as const) {
      await post(url);
      counter.reset();
      const text = await post(url);
      if (text.includes('"errors"')) throw new Error(`Q1 failed (${label}): ${text.slice(0, 300)}`);
      figures.push(
        { label: `Q1 Flux RPCs (${label})`, value: counter.calls(), unit: 'RPCs' },
        { label: `Q1 sequential round-trip waves (${label})`, value: counter.waves(), unit: 'waves' },
      );
    }
    await loadTest(gateway.url, body, { concurrency: 2, durationMs: 1000 });
    await loadTest(ceiling.url, '{}', { concurrency: 2, durationMs: 1000 });
    const run = await interleavedLoad(
      { url: gateway.url, body },
      { url: ceiling.url, body: '{}' },
      { concurrency: CONCURRENCY, sliceMs: 1000, rounds: SECONDS },
    );
    const g = run.a;
    const c = run.b;
    figures.push(
      {
        label: `Q1 gateway throughput (${CONCURRENCY} concurrent, ${SECONDS} × 1 s slices)`,
        value: g.rps,
        unit: 'req/s',
        baseline: { label: 'hand-written fastify endpoint, interleaved slices', value: c.rps },
      },
      { label: 'Q1 gateway/ceiling ratio, median of slice pairs (target ≥ 0.85)', value: run.medianRatio, unit: '×' },
      {
        label: 'Q1 gateway p50 (median of slices; target ≤ 1.2× the ceiling)',
        value: g.p50,
        unit: 'ms',
        baseline: { label: 'ceiling p50', value: c.p50 },
      },
      { label: 'Q1 gateway p99 (worst slice)', value: g.p99, unit: 'ms' },
      { label: 'Q1 ceiling p50 (median of slices)', value: c.p50, unit: 'ms' },
      { label: 'Q1 ceiling p99 (worst slice)', value: c.p99, unit: 'ms' },
      { label: 'failed requests (gateway + ceiling)', value: g.errors + c.errors, unit: '' },
    );
    // The executor, same run: the default (jit) against graphql-js, interleaved slices.
    await loadTest(reference.url, body, { concurrency: 2, durationMs: 1000 });
    const executors = await interleavedLoad(
      { url: gateway.url, body },
      { url: reference.url, body },
      { concurrency: CONCURRENCY, sliceMs: 1000, rounds: Math.max(3, Math.round(SECONDS / 2)) },
    );
    figures.push(
      {
        label: 'Q1 throughput, JOBGRAPH_EXECUTOR=jit (interleaved with graphql-js)',
        value: executors.a.rps,
        unit: 'req/s',
        baseline: { label: 'JOBGRAPH_EXECUTOR=graphql-js', value: executors.b.rps },
      },
      { label: 'Q1 jit/graphql-js throughput, median of slice pairs', value: executors.medianRatio, unit: '×' },
    );
    const layer = await measureLayerTime(gateway.server, base, Q1, SECONDS * 10);
    const referenceLayer = await measureLayerTime(reference.server, base, Q1, SECONDS * 5);
    figures.push(
      { label: 'Q1 one execution (fresh context, median)', value: layer.executionMs, unit: 'ms' },
      { label: 'Q1 its Flux calls replayed with the bare client (median)', value: layer.datasourceMs, unit: 'ms' },
      {
        label:
          'Q1 GraphQL layer own time (execution − datasource calls, median of pairs; target ≤ 2.15 ms, half of the issue’s ~4.3 ms)',
        value: layer.layerMs,
        unit: 'ms',
        baseline: { label: 'the same with JOBGRAPH_EXECUTOR=graphql-js', value: referenceLayer.layerMs },
      },
      {
        label:
          'Q1 layer share of one execution (27–28 % before issue #19; not a target: it rises as the Flux calls get cheaper)',
        value: (100 * layer.layerMs) / layer.executionMs,
        unit: '%',
      },
    );
    return figures;
  } finally {
    await Promise.all([gateway.close(), naive.close(), reference.close(), ceiling.close()]);
    await closeDatasources(base);
    sim.close();
  }
}

/** Registered with bench/run.ts. */
export const benchmarks: Benchmark[] = [
  { name: 'gateway Q1 (100 jobs with state, timings, eventlog, jobspec)', run: measure },
];
