import type { ElasticDatasource } from '../../../src/datasources/elastic/elastic-datasource';
import { readForwarderState } from '../../../src/datasources/elastic/forwarder-state.store';
import type { FluxJob } from '../../../src/datasources/flux/flux-job';
import { forwardJobs } from '../../../src/forwarder/forward-jobs';
import { generateDataset } from '../../../src/simulators/dataset';
import type { Dataset } from '../../../src/simulators/dataset';
import { createFluxDatasource } from '../../../src/datasources/flux/create-flux-datasource';
import type { FluxDatasource } from '../../../src/datasources/flux/flux-datasource';
import { startFluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import type { FluxSimulator } from '../../../src/simulators/flux/flux-simulator';
import { describeElastic, dropDatasource, pageAllIds, testDatasource } from './elastic-test-env';

const NOW = 1_795_400_000;
const DAY_MS = 86_400_000;

const byIdAsc = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

describeElastic('forwarding from the Flux simulator (real client, Unix socket) into a real node', () => {
  let es: ElasticDatasource;
  let sim: FluxSimulator;
  const clients: FluxDatasource[] = [];
  /** A fresh client, so its RPC counts are this test's alone. */
  const fluxClient = () => {
    const flux = createFluxDatasource({ uri: sim.uri, timeoutMs: 30_000, maxInFlight: 256 });
    clients.push(flux);
    return flux;
  };
  let dataset: Dataset;
  let inactive: FluxJob[];
  const userNames = async (uids: readonly number[]) =>
    new Map(dataset.users.filter((u) => uids.includes(u.uid)).map((u) => [u.uid, u.name]));

  beforeAll(async () => {
    dataset = generateDataset({ seed: 5, jobCount: 11_000, now: NOW });
    inactive = dataset.jobs.map((j) => j.job).filter((job) => job.state === 'INACTIVE');
    sim = await startFluxSimulator({ dataset });
    es = testDatasource('forward', { maxRetries: 0 });
    await es.ensureIndices();
  }, 60_000);
  afterAll(async () => {
    await Promise.all(clients.map((flux) => flux.close()));
    await sim.close();
    await dropDatasource(es);
  });

  test('stores exactly the inactive jobs and advances the watermark to the newest', async () => {
    const flux = fluxClient();
    const progress: number[] = [];
    const report = await forwardJobs({
      flux,
      elastic: es,
      cluster: 'sim',
      batchSize: 1000,
      resolveUserNames: userNames,
      onProgress: (p) => progress.push(p.forwarded),
    });
    await es.refresh();
    expect(report.forwarded).toBe(inactive.length);
    expect(inactive.length).toBeGreaterThan(10_000);
    expect(progress[progress.length - 1]).toBe(inactive.length);
    expect(flux.rpcCounts()['job-info.lookup']).toBe(inactive.length);
    const ids = await pageAllIds(es, { sort: [{ field: 'id', order: 'asc' }], first: 1000 });
    expect(ids).toEqual(
      inactive
        .map((j) => j.id)
        .sort(byIdAsc)
        .map(String),
    );
    const { state } = await readForwarderState(es.client, es.stateIndex, 'sim');
    expect(state.since).toBe(Math.max(...inactive.map((j) => j.tInactive as number)));
    expect(state.jobsForwarded).toBe(inactive.length);
  }, 120_000);

  test('a second run stores nothing new; re-sending jobs changes no document but forwardedAt', async () => {
    const flux = fluxClient();
    const again = await forwardJobs({ flux, elastic: es, cluster: 'sim', resolveUserNames: userNames });
    expect(again.forwarded).toBe(0);
    expect(flux.rpcCounts()['job-info.lookup'] ?? 0).toBe(0);
    const newest = [...inactive].sort((a, b) => (b.tInactive as number) - (a.tInactive as number)).slice(0, 800);
    const before = await es.getJobs(
      newest.map((j) => j.id),
      { cluster: 'sim' },
    );
    const since = Math.min(...newest.map((j) => j.tInactive as number)) - 1e-6;
    const forced = await forwardJobs({ flux, elastic: es, cluster: 'sim', since, resolveUserNames: userNames });
    await es.refresh();
    expect(forced.forwarded).toBe(newest.length);
    expect((await es.client.count({ index: es.index })).count).toBe(inactive.length);
    const after = await es.getJobs(
      newest.map((j) => j.id),
      { cluster: 'sim' },
    );
    const strip = (doc: unknown) => ({ ...(doc as object), forwardedAt: 0 });
    expect(after.map(strip)).toEqual(before.map(strip));
    expect(after.every((doc, i) => (doc?.forwardedAt as number) >= (before[i]?.forwardedAt as number))).toBe(true);
  }, 120_000);

  test('pages through more than 10,000 jobs with no gap and no repeat', async () => {
    const seen = await pageAllIds(es, { sort: [{ field: 'submittedAt', order: 'asc' }], first: 777 });
    expect(seen.length).toBe(inactive.length);
    expect(new Set(seen).size).toBe(seen.length);
    const expected = [...inactive]
      .sort((a, b) => a.tSubmit - b.tSubmit || byIdAsc(a.id, b.id))
      .map((j) => String(j.id));
    expect(seen).toEqual(expected);
  }, 120_000);

  test('aggregations agree with values computed from the dataset', async () => {
    const jobs = dataset.jobs.filter((j) => j.job.state === 'INACTIVE');
    const from = (NOW - 14 * 86_400) * 1000;
    const inWindow = jobs.filter((j) => Math.round(j.job.tSubmit * 1000) >= from);
    const ran = inWindow.filter((j) => j.job.tRun !== undefined && j.job.tCleanup !== undefined);
    const runtime = (j: (typeof jobs)[number]) => (j.job.tCleanup as number) - (j.job.tRun as number);
    const result = await es.aggregate({ from }, [
      { name: 'queues', kind: 'TERMS', field: 'queue', size: 50 },
      {
        name: 'daily',
        kind: 'DATE_HISTOGRAM',
        field: 'submittedAt',
        calendarInterval: 'day',
        extendedBounds: { min: from, max: NOW * 1000 },
      },
      { name: 'twelve', kind: 'DATE_HISTOGRAM', field: 'submittedAt', fixedInterval: '12h', minDocCount: 1 },
      { name: 'timeouts', kind: 'FILTER', field: 'result', value: 'TIMEOUT' },
      { name: 'short', kind: 'RANGE', field: 'runtimeSeconds', ranges: [{ to: 60 }, { from: 60 }] },
      { name: 'avg', kind: 'METRIC', field: 'runtimeSeconds', op: 'AVG' },
      { name: 'sum', kind: 'METRIC', field: 'runtimeSeconds', op: 'SUM' },
      { name: 'min', kind: 'METRIC', field: 'submittedAt', op: 'MIN' },
      { name: 'max', kind: 'METRIC', field: 'runtimeSeconds', op: 'MAX' },
      { name: 'users', kind: 'METRIC', field: 'userName', op: 'CARDINALITY' },
      { name: 'p90', kind: 'METRIC', field: 'runtimeSeconds', op: 'PERCENTILES', percents: [90] },
    ]);
    const get = (name: string) => result.aggregations.find((a) => a.name === name);
    expect(result.total).toBe(inWindow.length);
    const queueCounts = new Map<string, number>();
    for (const j of inWindow) if (j.job.queue) queueCounts.set(j.job.queue, (queueCounts.get(j.job.queue) ?? 0) + 1);
    expect(Object.fromEntries(get('queues')?.buckets?.map((b) => [b.key, b.docCount]) ?? [])).toEqual(
      Object.fromEntries(queueCounts),
    );
    const dayStart = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
    const daily = get('daily')?.buckets ?? [];
    // Bucket keys are the start in epoch ms on every aggregation source.
    expect(daily[0]?.key).toBe(String(dayStart(from)));
    expect(daily[daily.length - 1]?.key).toBe(String(dayStart(NOW * 1000)));
    for (const bucket of daily) {
      const start = Number(bucket.key);
      expect(bucket.docCount).toBe(inWindow.filter((j) => dayStart(Math.round(j.job.tSubmit * 1000)) === start).length);
    }
    const halfDays = new Set(inWindow.map((j) => Math.floor(Math.round(j.job.tSubmit * 1000) / (DAY_MS / 2))));
    expect(get('twelve')?.buckets?.length).toBe(halfDays.size);
    expect(get('timeouts')?.docCount).toBe(inWindow.filter((j) => j.job.result === 'TIMEOUT').length);
    expect(get('short')?.buckets?.map((b) => b.docCount)).toEqual([
      ran.filter((j) => runtime(j) < 60).length,
      ran.filter((j) => runtime(j) >= 60).length,
    ]);
    const runtimes = ran.map(runtime).sort((a, b) => a - b);
    const sum = runtimes.reduce((a, b) => a + b, 0);
    expect(get('sum')?.value).toBeCloseTo(sum, 3);
    expect(get('avg')?.value).toBeCloseTo(sum / runtimes.length, 6);
    expect(get('max')?.value).toBeCloseTo(runtimes[runtimes.length - 1] as number, 9);
    expect(get('min')?.value).toBe(Math.min(...inWindow.map((j) => Math.round(j.job.tSubmit * 1000))));
    const names = new Map(dataset.users.map((u) => [u.uid, u.name]));
    expect(get('users')?.value).toBe(new Set(inWindow.map((j) => names.get(j.job.userId))).size);
    const rank = 0.9 * (runtimes.length - 1);
    const linear =
      (runtimes[Math.floor(rank)] as number) +
      (rank % 1) * ((runtimes[Math.ceil(rank)] as number) - (runtimes[Math.floor(rank)] as number));
    expect(Math.abs((get('p90')?.percentiles?.[0]?.value as number) - linear)).toBeLessThan(0.02 * linear);
  });
});
