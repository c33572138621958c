/**
 * Forwarder throughput end to end (Flux simulator in its own process on a Unix socket → real
 * client → Elasticsearch, jobs/s) against a ceiling measured in the same run: Elasticsearch alone
 * bulk-indexing the same documents, pre-built, with the same batch size and bulks in flight. CPU
 * per job of each process (forwarder, simulator, Elasticsearch) gives the rate two uncontended
 * cores would reach. Then jobHistory latency (p50/p95 over mixed queries) with BENCH_ELASTIC_JOBS
 * (default 100,000) jobs indexed, against the same searches sent raw with the client.
 * Elasticsearch: JOBGRAPH_BENCH_ELASTICSEARCH_URL (BENCH_ES_PID for its CPU), else a node started
 * with scripts/elasticsearch.sh for the run. A 20,000-job warm-up pass on a scratch alias comes
 * first, after Elasticsearch alone has indexed until its CPU per job is steady (see warmElasticsearch).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createElasticDatasource } from '../src/datasources/elastic/elastic-datasource';
import type { ElasticDatasource } from '../src/datasources/elastic/elastic-datasource';
import type { JobDocument } from '../src/datasources/elastic/job-document';
import { jobHistoryQuery, jobHistorySort } from '../src/datasources/elastic/job-history.query';
import type { JobHistoryRequest } from '../src/datasources/elastic/job-history.search';
import { relaxRefreshForBackfill } from '../src/datasources/elastic/refresh-relax';
import { loadConfig } from '../src/config/load-config';
import { closeDatasources, createDatasources } from '../src/datasources/create-datasources';
import { runForwarder } from '../src/forwarder/run-forwarder';
import { buildJobDocument } from '../src/forwarder/job-document.builder';
import { generateDataset } from '../src/simulators/dataset';
import type { Dataset } from '../src/simulators/dataset';
import type { Benchmark, BenchFigure } from './bench.types';
import { startFluxSimulatorProcess } from './flux-sim-process';
import type { FluxSimulatorProcess } from './flux-sim-process';
import { cpuDuring } from './process-cpu';

const root = [join(__dirname, '..'), join(__dirname, '../..')].find((dir) =>
  existsSync(join(dir, 'scripts/elasticsearch.sh')),
) as string;
const stateDir = join(root, '.cache/elasticsearch/bench-state');
const NOW = 1_795_400_000;
const BATCH = 1000;
const BULKS_IN_FLIGHT = 2;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** The Flux simulator in a child process (as a broker is), over `generateDataset({ jobCount, seed, now: NOW })`. */
function startSimulator(jobCount: number, seed: number): Promise<FluxSimulatorProcess> {
  return startFluxSimulatorProcess({ jobCount, seed, now: NOW });
}

function datasource(url: string, alias: string): ElasticDatasource {
  return createElasticDatasource({
    url,
    index: alias,
    stateIndex: `${alias}.state`,
    requestTimeoutMs: 120_000,
    pitKeepAlive: '1m',
    maxRetries: 0,
  });
}

/**
 * One forwarding pass over a simulator child with `generateDataset({ jobCount, seed, now: NOW })`,
 * through what `jobgraph forward` runs: the configuration from the environment, the datasources
 * with their fault policies (every lookup through the Flux policy), runForwarder. User names come
 * from the dataset instead of getent. Only the users are kept here: a forwarder process holds no
 * dataset, and holding 100,000 jobs' objects made every major GC here slower (180 against 135 µs per job).
 */
async function forwardDataset(
  url: string,
  alias: string,
  jobCount: number,
  seed: number,
  users: Dataset['users'],
  esPid?: number,
) {
  const sim = await startSimulator(jobCount, seed);
  const config = loadConfig({
    env: {
      FLUX_URI: sim.uri,
      JOBGRAPH_ELASTICSEARCH_URL: url,
      JOBGRAPH_ELASTICSEARCH_INDEX: alias,
      JOBGRAPH_ELASTICSEARCH_STATE_INDEX: `${alias}.state`,
      JOBGRAPH_ELASTICSEARCH_FORWARD_BATCH_SIZE: String(BATCH),
      JOBGRAPH_ELASTICSEARCH_FORWARD_BULKS_IN_FLIGHT: String(BULKS_IN_FLIGHT),
    },
  });
  const { datasources } = createDatasources(config);
  const elastic = datasources.elastic as ElasticDatasource;
  const names = new Map(users.map((u) => [u.uid, u.name]));
  const clusters = await datasources.fluxClusters.list();
  const { result: report, cpuMs } = await cpuDuring({ simulator: sim.pid, elasticsearch: esPid }, () =>
    runForwarder({
      clusters,
      elastic,
      config: config.elastic,
      resolveUserNames: async () => names,
    }),
  );
  await closeDatasources(datasources);
  sim.close();
  return { es: datasource(url, alias), forwarded: report.forwarded, jobsPerSecond: report.jobsPerSecond, cpuMs };
}

/** The dataset's inactive jobs as the forwarder would store them, built up front. */
function prebuiltDocuments(dataset: Dataset): JobDocument[] {
  return dataset.jobs
    .filter((j) => j.job.state === 'INACTIVE')
    .map((j) => {
      const J = {
        ...j.jobspec,
        attributes: {
          ...(j.jobspec.attributes as object),
          system: { ...((j.jobspec.attributes as { system?: object }).system ?? {}), environment: j.environment },
        },
      };
      return buildJobDocument(
        j.job,
        { id: j.job.id, jobspec: j.jobspec, eventlog: j.eventlog, J },
        { instance: 'bench', environment: ['EXPERIMENT', 'RUN_NUM'], now: Date.now() },
      );
    });
}

/** Bulk-indexes `docs` as the forwarder does (BATCH per bulk, BULKS_IN_FLIGHT at once): jobs/s and Elasticsearch CPU µs per job. */
async function bulkIndexAll(
  es: ElasticDatasource,
  docs: readonly JobDocument[],
  esPid?: number,
): Promise<{ jobsPerSecond: number; esCpuUsPerJob: number }> {
  const started = performance.now();
  const { cpuMs } = await cpuDuring({ elasticsearch: esPid }, async () => {
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < docs.length; i += BATCH) {
      while (inFlight.size >= BULKS_IN_FLIGHT) await Promise.race(inFlight);
      const task: Promise<unknown> = es
        .indexJobs(docs.slice(i, i + BATCH).map((document) => ({ id: document.id, document })))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
    await Promise.all(inFlight);
  });
  return {
    jobsPerSecond: (docs.length * 1000) / (performance.now() - started),
    esCpuUsPerJob: ((cpuMs.elasticsearch ?? Number.NaN) * 1000) / docs.length,
  };
}

/**
 * A freshly started node indexes its first ~100,000 documents 2–3× slower (measured 408, 308,
 * 250, 209, 195 µs of its CPU per job over successive 20,000-job slices, then 130 ± 15) while its
 * JIT warms up; a facility's long-running cluster is past that. Bulk-indexes pre-built documents
 * in 20,000-job slices, at least 120,000 jobs, then until a slice costs within 15 % of the one
 * before (at most 300,000; without the node's pid, a fixed 160,000). Returns the jobs indexed.
 */
async function warmElasticsearch(url: string, esPid?: number): Promise<number> {
  const docs = prebuiltDocuments(generateDataset({ seed: 2, jobCount: 25_000, now: NOW })).slice(0, 20_000);
  let indexed = 0;
  let previous = Number.POSITIVE_INFINITY;
  while (indexed < 300_000) {
    const es = datasource(url, `bench-warmup-es-${process.pid}-${indexed}`);
    await es.ensureIndices();
    const { esCpuUsPerJob } = await bulkIndexAll(es, docs, esPid);
    await drop(es);
    indexed += docs.length;
    const steady = Number.isNaN(esCpuUsPerJob)
      ? indexed >= 160_000
      : Math.abs(esCpuUsPerJob - previous) <= 0.15 * previous;
    if (steady && indexed >= 120_000) break;
    previous = esCpuUsPerJob;
  }
  return indexed;
}

/** Elasticsearch alone: the dataset's documents built up front, then bulk-indexed as the forwarder does. */
async function bulkOnly(
  url: string,
  alias: string,
  dataset: Dataset,
  esPid?: number,
): Promise<{ jobsPerSecond: number; esCpuUsPerJob: number }> {
  const docs = prebuiltDocuments(dataset);
  const es = datasource(url, alias);
  await es.ensureIndices();
  const restore = await relaxRefreshForBackfill(es.client, es.index);
  const result = await bulkIndexAll(es, docs, esPid);
  await restore?.();
  await drop(es);
  return result;
}

async function drop(es: ElasticDatasource): Promise<void> {
  const indices = Object.keys(
    await es.client.indices.get({
      index: [`${es.index}-*`, es.stateIndex],
      ignore_unavailable: true,
      allow_no_indices: true,
    }),
  );
  if (indices.length > 0) await es.client.indices.delete({ index: indices });
  await es.client.indices.deleteIndexTemplate({ name: `jobgraph-${es.index}` }).catch(() => undefined);
  await es.close();
}

const QUERIES: JobHistoryRequest[] = [
  { first: 50 },
  { first: 50, filter: { results: ['FAILED'], queues: ['milano', 'roma'] } },
  { first: 50, filter: { nameText: 'smalldata' }, sort: [{ field: 'runtimeSeconds', order: 'desc' }] },
  {
    first: 50,
    filter: { submitted: { from: (NOW - 7 * 86_400) * 1000 } },
    sort: [{ field: 'startedAt', order: 'asc' }],
  },
];

/** Milliseconds per call of `search(query)`, cycling through QUERIES, sorted. */
async function latencies(
  rounds: number,
  search: (query: JobHistoryRequest, i: number) => Promise<unknown>,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = process.hrtime.bigint();
    await search(QUERIES[i % QUERIES.length] as JobHistoryRequest, i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const rawSearch = (es: ElasticDatasource) => (query: JobHistoryRequest) =>
  es.client.search({
    index: es.index,
    query: jobHistoryQuery(query.filter),
    sort: jobHistorySort(query.sort),
    size: query.first + 1,
    _source: { excludes: ['eventlog', 'jobspec'] },
  });

/** The Elasticsearch tier's benchmarks for `npm run bench elastic`. */
export const benchmarks: Benchmark[] = [
  {
    name: 'elastic-forward: Flux simulator → Elasticsearch, and jobHistory latency',
    async run(): Promise<BenchFigure[]> {
      const jobCount = Number(process.env.BENCH_ELASTIC_JOBS ?? 100_000);
      const started = !process.env.JOBGRAPH_BENCH_ELASTICSEARCH_URL;
      const env = { ...process.env, ES_STATE_DIR: stateDir };
      const url =
        process.env.JOBGRAPH_BENCH_ELASTICSEARCH_URL ??
        execFileSync(join(root, 'scripts/elasticsearch.sh'), ['start'], { env, encoding: 'utf8' }).trim();
      const esPid =
        Number(process.env.BENCH_ES_PID ?? (started ? readFileSync(join(stateDir, 'es.pid'), 'utf8') : NaN)) ||
        undefined;
      try {
        const esWarmup = await warmElasticsearch(url, esPid);
        const warmSet = generateDataset({ seed: 2, jobCount: 20_000, now: NOW });
        const warm = await forwardDataset(
          url,
          `bench-warmup-${process.pid}`,
          warmSet.jobs.length,
          2,
          warmSet.users,
          esPid,
        );
        await drop(warm.es);
        const { users } = generateDataset({ seed: 3, jobCount: 10, now: NOW });
        const measured = await forwardDataset(url, `bench-forward-${process.pid}`, jobCount, 3, users, esPid);
        const ceiling = await bulkOnly(
          url,
          `bench-bulk-${process.pid}`,
          generateDataset({ seed: 3, jobCount, now: NOW }),
          esPid,
        );
        await measured.es.refresh();
        const { cpuMs, forwarded } = measured;
        const perJob = (ms: number | undefined) => ((ms ?? Number.NaN) * 1000) / forwarded;
        const totalPerJob = perJob(cpuMs.self) + perJob(cpuMs.simulator) + perJob(cpuMs.elasticsearch);
        await latencies(20, (q) => measured.es.searchHistory(q));
        const history = await latencies(200, async (q, i) => {
          const page = await measured.es.searchHistory(q);
          if (i % 8 === 0 && page.hasNextPage)
            await measured.es.searchHistory({ ...q, after: page.edges[page.edges.length - 1]?.cursor as string });
        });
        const raw = await latencies(200, rawSearch(measured.es));
        await drop(measured.es);
        const rawBaseline = (q: number) => ({
          label: 'the same searches sent raw with the client',
          value: quantile(raw, q),
        });
        return [
          {
            label: `warm-up: Elasticsearch alone (${esWarmup.toLocaleString('en-US')} jobs), then a forwarding pass (${warm.forwarded.toLocaleString('en-US')} jobs)`,
            value: warm.jobsPerSecond,
            unit: 'jobs/s',
          },
          {
            label: `forwarded ${forwarded.toLocaleString('en-US')} inactive jobs`,
            value: measured.jobsPerSecond,
            unit: 'jobs/s',
            baseline: {
              label: 'Elasticsearch alone bulk-indexing the pre-built documents',
              value: ceiling.jobsPerSecond,
            },
          },
          { label: 'CPU per job: forwarder process', value: perJob(cpuMs.self), unit: 'µs' },
          { label: 'CPU per job: Flux simulator', value: perJob(cpuMs.simulator), unit: 'µs' },
          {
            label: 'CPU per job: Elasticsearch',
            value: perJob(cpuMs.elasticsearch),
            unit: 'µs',
            baseline: { label: 'fed pre-built documents', value: ceiling.esCpuUsPerJob },
          },
          {
            label: 'jobs/s two uncontended cores would reach (2 s of CPU / CPU per job)',
            value: 2e6 / totalPerJob,
            unit: 'jobs/s',
          },
          {
            label: `jobHistory first page (50) p50, ${forwarded.toLocaleString('en-US')} jobs indexed`,
            value: quantile(history, 0.5),
            unit: 'ms',
            baseline: rawBaseline(0.5),
          },
          { label: 'jobHistory p95', value: quantile(history, 0.95), unit: 'ms', baseline: rawBaseline(0.95) },
        ];
      } finally {
        if (started) execFileSync(join(root, 'scripts/elasticsearch.sh'), ['stop'], { env });
      }
    },
  },
];

if (require.main === module) {
  void benchmarks[0]?.run().then((figures) => {
    for (const f of figures)
      console.log(
        `${f.label}: ${f.value < 100 ? f.value.toFixed(1) : Math.round(f.value)} ${f.unit}${f.baseline ? ` (baseline ${f.baseline.label}: ${f.baseline.value.toFixed(1)})` : ''}`,
      );
  });
}
