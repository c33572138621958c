/**
 * Forwarder throughput (Flux simulator on a Unix socket → real client → Elasticsearch, jobs/s) and
 * jobHistory latency (p50/p95 over mixed queries) with BENCH_ELASTIC_JOBS (default 100,000) jobs
 * indexed. Elasticsearch: JOBGRAPH_BENCH_ELASTICSEARCH_URL, else a node started with
 * scripts/elasticsearch.sh for the run. A 20,000-job warm-up pass on a scratch alias comes first
 * (the node's first ~20k documents index 3–5× slower while its JIT warms up).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createElasticDatasource } from '../src/datasources/elastic/elastic-datasource';
import type { ElasticDatasource } from '../src/datasources/elastic/elastic-datasource';
import type { JobHistoryRequest } from '../src/datasources/elastic/job-history.search';
import { createFluxDatasource } from '../src/datasources/flux/create-flux-datasource';
import { forwardJobs } from '../src/forwarder/forward-jobs';
import { generateDataset } from '../src/simulators/dataset';
import { startFluxSimulator } from '../src/simulators/flux/flux-simulator';
import type { Benchmark, BenchFigure } from './bench.types';

const root = [join(__dirname, '..'), join(__dirname, '../..')].find((dir) => existsSync(join(dir, 'scripts/elasticsearch.sh'))) as string;
const stateEnv = { ...process.env, ES_STATE_DIR: join(root, '.cache/elasticsearch/bench-state') };

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

async function forwardDataset(url: string, alias: string, jobCount: number, seed: number): Promise<{ es: ElasticDatasource; forwarded: number; jobsPerSecond: number }> {
  const dataset = generateDataset({ seed, jobCount, now: 1_795_400_000 });
  const sim = await startFluxSimulator({ dataset });
  const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 60_000, poolSize: 2, maxInFlight: 512 });
  const es = createElasticDatasource({ url, index: alias, stateIndex: `${alias}.state`, requestTimeoutMs: 120_000, pitKeepAlive: '1m', maxRetries: 0 });
  await es.ensureIndices();
  const names = new Map(dataset.users.map((u) => [u.uid, u.name]));
  const report = await forwardJobs({ flux, elastic: es, instance: sim.uri, batchSize: 1000, lookupConcurrency: 256, resolveUserNames: async () => names });
  await flux.close();
  await sim.close();
  return { es, forwarded: report.forwarded, jobsPerSecond: report.jobsPerSecond };
}

async function drop(es: ElasticDatasource): Promise<void> {
  const indices = Object.keys(await es.client.indices.get({ index: [`${es.index}-*`, es.stateIndex], ignore_unavailable: true, allow_no_indices: true }));
  if (indices.length > 0) await es.client.indices.delete({ index: indices });
  await es.client.indices.deleteIndexTemplate({ name: `jobgraph-${es.index}` }).catch(() => undefined);
  await es.close();
}

async function historyLatencies(es: ElasticDatasource, rounds: number): Promise<number[]> {
  const queries: JobHistoryRequest[] = [
    { first: 50 },
    { first: 50, filter: { results: ['FAILED'], queues: ['milano', 'roma'] } },
    { first: 50, filter: { nameText: 'smalldata' }, sort: [{ field: 'runtimeSeconds', order: 'desc' }] },
    { first: 50, filter: { submitted: { from: (1_795_400_000 - 7 * 86_400) * 1000 } }, sort: [{ field: 'startedAt', order: 'asc' }] },
  ];
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const query = queries[i % queries.length] as JobHistoryRequest;
    const started = process.hrtime.bigint();
    const page = await es.searchHistory(query);
    if (i % 8 === 0 && page.hasNextPage) await es.searchHistory({ ...query, after: page.edges[page.edges.length - 1]?.cursor as string });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/** The Elasticsearch tier's benchmarks for `npm run bench elastic`. */
export const benchmarks: Benchmark[] = [
  {
    name: 'elastic-forward: Flux simulator → Elasticsearch, and jobHistory latency',
    async run(): Promise<BenchFigure[]> {
      const jobCount = Number(process.env.BENCH_ELASTIC_JOBS ?? 100_000);
      const started = !process.env.JOBGRAPH_BENCH_ELASTICSEARCH_URL;
      const url = process.env.JOBGRAPH_BENCH_ELASTICSEARCH_URL ?? execFileSync(join(root, 'scripts/elasticsearch.sh'), ['start'], { env: stateEnv, encoding: 'utf8' }).trim();
      try {
        const warm = await forwardDataset(url, `bench-warmup-${process.pid}`, 20_000, 2);
        await drop(warm.es);
        const measured = await forwardDataset(url, `bench-forward-${process.pid}`, jobCount, 3);
        await measured.es.refresh();
        await historyLatencies(measured.es, 20);
        const times = await historyLatencies(measured.es, 200);
        await drop(measured.es);
        return [
          { label: `warm-up pass (${warm.forwarded.toLocaleString('en-US')} jobs)`, value: warm.jobsPerSecond, unit: 'jobs/s' },
          { label: `forwarded ${measured.forwarded.toLocaleString('en-US')} inactive jobs`, value: measured.jobsPerSecond, unit: 'jobs/s' },
          { label: 'jobHistory first page (50) p50', value: quantile(times, 0.5), unit: 'ms' },
          { label: 'jobHistory p95', value: quantile(times, 0.95), unit: 'ms' },
        ];
      } finally {
        if (started) execFileSync(join(root, 'scripts/elasticsearch.sh'), ['stop'], { env: stateEnv });
      }
    },
  },
];

if (require.main === module) {
  void benchmarks[0]?.run().then((figures) => {
    for (const f of figures) console.log(`${f.label}: ${f.value < 100 ? f.value.toFixed(1) : Math.round(f.value)} ${f.unit}`);
  });
}
