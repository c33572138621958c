import { formatJobId } from '../../../src/datasources/flux/job-id';
import { JobsAggsDatasource } from '../../../src/datasources/jobs-aggs/jobs-aggs-datasource';
import type { AggregationSpec } from '../../../src/datasources/aggregation/aggregation-query';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { expectedJobs } from '../../fixtures/jobs-aggs/expected-aggregations';
import { generateDataset } from '../../../src/simulators/dataset';
import { smallDataset } from '../../fixtures/jobs-aggs/small-dataset';

/** The simulator's documented spread key (jobs-aggs-documents.ts): timestamp part + low 24 bits of the id. */
const spreadOf = (id: bigint): bigint => (id >> 24n) + (id & 0xffffffn);

const dataset = generateDataset({ seed: 1, jobCount: 1500, now: Date.UTC(2025, 2, 7, 9, 30) / 1000 });
const nowMs = dataset.now * 1000;
const DAY = 86_400_000;

describe('jobs/aggs results against values computed from the dataset', () => {
  let sim: JobsAggsSimulator;
  let ds: JobsAggsDatasource;
  beforeAll(async () => {
    sim = await startJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    ds = new JobsAggsDatasource({
      url: `${sim.url}/`,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
  });
  afterAll(async () => sim.close());

  const five: AggregationSpec[] = [
    { name: 'byState', kind: 'TERMS', field: 'job.state', size: 20 },
    { name: 'top2', kind: 'TERMS', field: 'job.state', size: 2 },
    { name: 'perDay', kind: 'DATE_HISTOGRAM', field: '@timestamp', fixedInterval: '1d' },
    { name: 'failed', kind: 'FILTER', field: 'job.state', value: 'FAILED' },
    { name: 'nodes', kind: 'TERMS', field: 'job.nnodes', size: 10 },
  ];

  it('sends 5 aggregations over the default 90-day window as exactly 1 request, and they agree with the dataset', async () => {
    const before = sim.stats().aggsRequests;
    const result = await ds.aggregate({}, five, { nowMs });
    expect(sim.stats().aggsRequests - before).toBe(1);
    const expected = expectedJobs(dataset, Math.floor((nowMs - 90 * DAY) / 1000) * 1000, nowMs);
    expect(expected.total).toBeGreaterThan(100);
    expect(result.total).toBe(expected.total);
    const [byState, top2, perDay, failed, nodes] = result.aggregations;
    const stateOrder = [...expected.byState.entries()].sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1));
    expect(byState?.buckets).toEqual(stateOrder.map(([key, docCount]) => ({ key, docCount })));
    expect(top2?.buckets).toEqual(stateOrder.slice(0, 2).map(([key, docCount]) => ({ key, docCount })));
    expect(failed).toEqual({ name: 'failed', kind: 'FILTER', docCount: expected.byState.get('FAILED') ?? 0 });
    const nodeOrder = [...expected.byNodes.entries()].sort(([ka, a], [kb, b]) => b - a || ka - kb).slice(0, 10);
    expect(nodes?.buckets).toEqual(nodeOrder.map(([key, docCount]) => ({ key: String(key), docCount })));
    const days = [...expected.byDay.keys()].sort((a, b) => a - b);
    const first = days[0] ?? 0;
    const last = days[days.length - 1] ?? 0;
    expect(perDay?.buckets).toHaveLength((last - first) / DAY + 1);
    expect(perDay?.buckets?.[0]).toEqual({
      key: String(first),
      keyAsString: new Date(first).toISOString(),
      docCount: expected.byDay.get(first),
    });
    for (const bucket of perDay?.buckets ?? [])
      expect(bucket.docCount).toBe(expected.byDay.get(Number(bucket.key)) ?? 0);
    expect((perDay?.buckets ?? []).reduce((sum, b) => sum + b.docCount, 0)).toBe(expected.total);
  });

  it('sends identical aggregations once under one wire name, and splits more than 25 into parallel requests', async () => {
    const before = sim.stats().aggsRequests;
    const many: AggregationSpec[] = Array.from({ length: 30 }, (_, i) => ({
      name: `f${i}`,
      kind: 'FILTER',
      field: 'job.nnodes',
      value: String((i % 27) + 1),
    }));
    const result = await ds.aggregate({}, many, { nowMs });
    expect(sim.stats().aggsRequests - before).toBe(2);
    const bodies = sim.aggsBodies().slice(-2) as Array<{ aggs: Record<string, unknown> }>;
    expect(bodies.map((b) => Object.keys(b.aggs).length).sort()).toEqual([2, 25]);
    expect(result.aggregations.map((a) => a.name)).toEqual(many.map((a) => a.name));
    expect(result.aggregations[0]?.docCount).toBe(result.aggregations[27]?.docCount);
  });

  it('applies window, includes_eu and extended bounds like Elasticsearch', async () => {
    const from = nowMs - 10 * DAY;
    const bounds = { min: from - 3 * DAY, max: nowMs + 2 * DAY };
    const result = await ds.aggregate(
      { from, to: nowMs, includesEu: true },
      [
        {
          name: 'perDay',
          kind: 'DATE_HISTOGRAM',
          field: '@timestamp',
          calendarInterval: 'day',
          extendedBounds: bounds,
        },
      ],
      { nowMs },
    );
    const expected = expectedJobs(dataset, from, nowMs, true);
    expect(result.total).toBe(expected.total);
    const buckets = result.aggregations[0]?.buckets ?? [];
    expect(buckets[0]?.key).toBe(String(Math.floor(bounds.min / DAY) * DAY));
    expect(buckets[buckets.length - 1]?.key).toBe(String(Math.floor(bounds.max / DAY) * DAY));
    expect(sim.aggsBodies().at(-1)).toMatchObject({
      application: 'atr',
      includes_eu: true,
      start_time: new Date(from).toISOString().replace('.000', ''),
    });
  });

  it('stores job ids in f58 form, ids near 2^64 included', async () => {
    const small = smallDataset(50);
    const smallSim = await startJobsAggsSimulator({ dataset: small });
    try {
      const smallDs = new JobsAggsDatasource({
        url: smallSim.url,
        tokenUrl: smallSim.tokenUrl,
        clientId: smallSim.clientId,
        clientSecret: smallSim.clientSecret,
      });
      const jobs = [...small.jobs, ...dataset.jobs]
        .map((j) => j.job)
        .filter((j) => spreadOf(j.id) % 10n < 7n && (spreadOf(j.id) / 90n) % 5n !== 3n);
      for (const job of [jobs[0], jobs[jobs.length - 1]]) {
        const inSmall = small.jobs.some((j) => j.job === job);
        const id = formatJobId(job?.id ?? 0n, 'f58');
        const source = inSmall ? smallDs : ds;
        const result = await source.aggregate({}, [{ name: 'one', kind: 'FILTER', field: 'job.id', value: id }], {
          nowMs: (inSmall ? small.now : dataset.now) * 1000,
        });
        expect(result.aggregations[0]?.docCount).toBe(1);
      }
      expect(jobs[0]?.id).toBeGreaterThan(2n ** 63n);
      expect(jobs[jobs.length - 1]?.id).toBeGreaterThan(2n ** 53n);
    } finally {
      await smallSim.close();
    }
  });

  it('reads total given as {value, relation}', async () => {
    sim.setTotalAsObject(true);
    try {
      const result = await ds.aggregate({}, [five[3] as AggregationSpec], { nowMs });
      expect(result.total).toBe(expectedJobs(dataset, Math.floor((nowMs - 90 * DAY) / 1000) * 1000, nowMs).total);
    } finally {
      sim.setTotalAsObject(false);
    }
  });
});
