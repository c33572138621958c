/**
 * jobs/aggs benchmark over the demo dataset (default 5,000 jobs, `JOBS_AGGS_BENCH_JOBS`): a cold
 * token cache under 100 concurrent calls (token requests counted), then the latency of a
 * 5-aggregation call (one API request each) over N sequential runs (`JOBS_AGGS_BENCH_RUNS`,
 * default 200), client + loopback + simulator. Run: `npm run build && node dist/bench/jobs-aggs.bench.js`.
 */
import type { AggregationSpec } from '../src/datasources/aggregation/aggregation-query';
import { JobsAggsDatasource } from '../src/datasources/jobs-aggs/jobs-aggs-datasource';
import { generateDataset } from '../src/simulators/dataset';
import { startJobsAggsSimulator } from '../src/simulators/jobs-aggs/jobs-aggs.simulator';

const JOBS = Number(process.env.JOBS_AGGS_BENCH_JOBS ?? 5000);
const RUNS = Number(process.env.JOBS_AGGS_BENCH_RUNS ?? 200);
const five: AggregationSpec[] = [
  { name: 'byState', kind: 'TERMS', field: 'job.state', size: 20 },
  { name: 'byUser', kind: 'TERMS', field: 'job.user', size: 10 },
  { name: 'perDay', kind: 'DATE_HISTOGRAM', field: '@timestamp', fixedInterval: '1d' },
  { name: 'perWeek', kind: 'DATE_HISTOGRAM', field: '@timestamp', calendarInterval: 'week' },
  { name: 'failed', kind: 'FILTER', field: 'job.state', value: 'FAILED' },
];
const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const dataset = generateDataset({ jobCount: JOBS });
  const sim = await startJobsAggsSimulator({ dataset, dailyQuota: 1_000_000 });
  try {
    const ds = new JobsAggsDatasource({
      url: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
    let started = performance.now();
    await Promise.all(Array.from({ length: 100 }, () => ds.aggregate({}, [five[0] as AggregationSpec])));
    const coldMs = performance.now() - started;
    const cold = sim.stats();
    const latencies: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      started = performance.now();
      await ds.aggregate({}, five);
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    const after = sim.stats();
    process.stdout.write(
      `${JSON.stringify({
        jobs: JOBS,
        cold100: { wallMs: Math.round(coldMs), tokenRequests: cold.tokenRequests, aggsRequests: cold.aggsRequests },
        fiveAggs: {
          runs: RUNS,
          apiRequests: after.aggsRequests - cold.aggsRequests,
          p50Ms: +percentile(latencies, 50).toFixed(2),
          p95Ms: +percentile(latencies, 95).toFixed(2),
        },
      })}\n`,
    );
  } finally {
    await sim.close();
  }
}

void main();
