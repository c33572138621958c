/**
 * Q1 with OpenTelemetry tracing on (JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT, spans exported to a
 * loopback OTLP sink) against the same gateway build with tracing off, in interleaved 1 s slices
 * over the same Flux simulator process. The tracer is process-wide (src/tracing/traced.ts), so it
 * is cleared during the "off" slices and set again for the "on" ones.
 * `BENCH_SECONDS` (default 10 slice pairs) and `BENCH_CONCURRENCY` (default 8) size the load.
 */
import 'reflect-metadata';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../src/config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import type { Datasources } from '../src/datasources/create-datasources';
import { createStaticUserDatabase } from '../src/datasources/users/static-user-database';
import { createServer } from '../src/server/create-server';
import { generateDataset } from '../src/simulators/dataset';
import { jobgraphTracer, setJobgraphTracer } from '../src/tracing/traced';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import { Q1 } from './gateway-q1.bench';
import { loadTest, median } from './gateway/load';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 8);
const NOW = Math.floor(Date.now() / 1000);

async function startGateway(datasources: Datasources, env: Record<string, string>) {
  const config = loadConfig({
    env: { JOBGRAPH_PORT: '0', JOBGRAPH_PLAYGROUND: 'off', JOBGRAPH_COMPRESSION: 'off', ...env },
  });
  const server = await createServer({ config, datasources, logger: pino({ level: 'silent' }) });
  return { url: `${await server.listen()}/graphql`, close: () => server.close(1_000) };
}

/** An OTLP/HTTP sink on loopback: reads and acknowledges every export, counts the bytes. */
async function startSink(): Promise<{ url: string; bytes: () => number; close(): Promise<void> }> {
  let bytes = 0;
  const server = createHttpServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytes: () => bytes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function measure(): Promise<BenchFigure[]> {
  const { users } = generateDataset({ seed: 1, jobCount: 5000, now: NOW });
  const sim = await startFluxSimulatorProcess({ jobCount: 5000, seed: 1, now: NOW });
  const { datasources } = createDatasources(loadConfig({ env: { FLUX_URI: sim.uri } }), {
    users: createStaticUserDatabase(users),
  });
  const sink = await startSink();
  const off = await startGateway(datasources, {});
  const on = await startGateway(datasources, { JOBGRAPH_OTEL_EXPORTER_OTLP_ENDPOINT: sink.url });
  const tracer = jobgraphTracer();
  const body = JSON.stringify({ query: Q1 });
  try {
    const slice = { concurrency: CONCURRENCY, durationMs: 1000 };
    const offRuns: Array<Awaited<ReturnType<typeof loadTest>>> = [];
    const onRuns: Array<Awaited<ReturnType<typeof loadTest>>> = [];
    for (let round = -1; round < SECONDS; round++) {
      setJobgraphTracer(undefined);
      const a = await loadTest(off.url, body, slice);
      setJobgraphTracer(tracer);
      const b = await loadTest(on.url, body, slice);
      if (round < 0) continue; // round -1 warms both
      offRuns.push(a);
      onRuns.push(b);
    }
    const rps = (runs: typeof offRuns) => median(runs.map((r) => r.rps));
    const p50 = (runs: typeof offRuns) => median(runs.map((r) => r.p50));
    return [
      {
        label: `Q1 throughput, tracing on (${CONCURRENCY} concurrent, ${SECONDS} × 1 s slice pairs, median)`,
        value: rps(onRuns),
        unit: 'req/s',
        baseline: { label: 'tracing off, interleaved slices', value: rps(offRuns) },
      },
      {
        label: 'Q1 on/off throughput ratio, median of slice pairs',
        value: median(onRuns.map((r, i) => r.rps / (offRuns[i]?.rps ?? r.rps))),
        unit: '×',
      },
      {
        label: 'Q1 p50, tracing on (median of slices)',
        value: p50(onRuns),
        unit: 'ms',
        baseline: { label: 'tracing off p50', value: p50(offRuns) },
      },
      { label: 'OTLP JSON exported while on', value: sink.bytes() / 1e6, unit: 'MB' },
      {
        label: 'failed requests (on + off)',
        value: [...onRuns, ...offRuns].reduce((n, r) => n + r.errors, 0),
        unit: '',
      },
    ];
  } finally {
    setJobgraphTracer(tracer);
    await Promise.all([off.close(), on.close()]);
    await sink.close();
    await closeDatasources(datasources);
    sim.close();
  }
}

/** Registered with bench/run.ts. */
export const benchmarks: Benchmark[] = [{ name: 'gateway Q1 with tracing on vs off', run: measure }];
