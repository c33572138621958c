import pino from 'pino';
import type { Caller } from '../../../src/auth/caller';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { createContext } from '../../../src/server/context';
import { JobsAggsDatasource } from '../../../src/datasources/jobs-aggs/jobs-aggs-datasource';
import type { AggregationSpec } from '../../../src/datasources/aggregation/aggregation-query';
import { UpstreamUnavailableError } from '../../../src/errors';
import { createAggregationLoader } from '../../../src/loaders/aggregation.loaders';
import { createJobsAggsLoaders } from '../../../src/loaders/jobs-aggs.loaders';
import { startJobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import type { JobsAggsSimulator } from '../../../src/simulators/jobs-aggs/jobs-aggs.simulator';
import { smallDataset } from '../../fixtures/jobs-aggs/small-dataset';

const dataset = smallDataset(400);
const nowMs = dataset.now * 1000;
const terms = (name: string, size = 5): AggregationSpec => ({
  name,
  kind: 'TERMS',
  field: 'job.state',
  size,
  raw: true,
});

describe('jobs/aggs per-request loaders', () => {
  let sim: JobsAggsSimulator;
  let ds: JobsAggsDatasource;
  beforeAll(async () => {
    sim = await startJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    ds = new JobsAggsDatasource({
      url: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
    });
  });
  afterAll(async () => sim.close());

  /** The loaders of one GraphQL request, as the context factory composes them. */
  const requestLoader = () =>
    createAggregationLoader(
      { JOBS_API: createJobsAggsLoaders(ds, { nowMs }) },
      (s) => new UpstreamUnavailableError('jobs-aggs', `${s} is not configured`),
    );

  it('sends every field of one request with an equivalent filter as one API request, names kept per field', async () => {
    const loader = requestLoader();
    const before = sim.stats().aggsRequests;
    const [a, b, c, d] = await Promise.all([
      loader.load({
        source: 'JOBS_API',
        filter: { appTypes: ['kubernetes', 'ec2'] },
        aggs: [terms('s'), { name: 'f', kind: 'FILTER', field: 'job.state', value: 'FAILED', raw: true }],
      }),
      loader.load({
        source: 'JOBS_API',
        filter: { appTypes: ['ec2', 'kubernetes', 'ec2'], includesEu: false },
        aggs: [terms('s'), terms('big', 20)],
      }),
      loader.load({
        source: 'JOBS_API',
        filter: { appTypes: ['ec2', 'kubernetes'], to: nowMs },
        aggs: [{ name: 'h', kind: 'DATE_HISTOGRAM', field: '@timestamp', calendarInterval: 'week', raw: true }],
      }),
      loader.load({ source: 'JOBS_API', filter: { appTypes: ['ec2', 'kubernetes'] }, aggs: [terms('n')] }),
    ]);
    expect(sim.stats().aggsRequests - before).toBe(1);
    const body = sim.aggsBodies().at(-1) as { aggs: Record<string, unknown>; app_type: string[] };
    expect(Object.keys(body.aggs)).toEqual(['a0', 'a1', 'a2', 'a3']);
    expect(body.app_type).toEqual(['ec2', 'kubernetes']);
    expect(a.aggregations.map((x) => x.name)).toEqual(['s', 'f']);
    expect(b.aggregations.map((x) => x.name)).toEqual(['s', 'big']);
    expect(c.aggregations.map((x) => x.name)).toEqual(['h']);
    expect(d.aggregations[0]).toEqual({ ...a.aggregations[0], name: 'n' });
    expect(new Set([a.total, b.total, c.total, d.total]).size).toBe(1);
  });

  it('sends different filters in parallel, one request each, and answers a repeated call from the cache', async () => {
    const backend = createJobsAggsLoaders(ds, { nowMs });
    const before = sim.stats().aggsRequests;
    const [eu, noEu, again] = await Promise.all([
      backend.aggregate({ includesEu: true }, [terms('s')]),
      backend.aggregate({}, [terms('s')]),
      backend.aggregate({}, [terms('x')]),
    ]);
    expect(sim.stats().aggsRequests - before).toBe(2);
    expect(eu.total).toBeGreaterThan(noEu.total);
    expect(again.aggregations[0]?.name).toBe('x');
    await backend.aggregate({ includesEu: false }, [terms('y')]);
    expect(sim.stats().aggsRequests - before).toBe(2);
  });

  it('fails an invalid field alone, before anything is sent', async () => {
    const backend = createJobsAggsLoaders(ds, { nowMs });
    const before = sim.stats().aggsRequests;
    const [good, bad] = await Promise.allSettled([
      backend.aggregate({}, [terms('s')]),
      backend.aggregate({}, [{ name: 'm', kind: 'METRIC', field: 'job.nnodes', op: 'AVG' }]),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(bad).toMatchObject({ status: 'rejected', reason: { extensions: { code: 'BAD_USER_INPUT' } } });
    expect(sim.stats().aggsRequests - before).toBe(1);
  });
});

describe('the request clock reaches the jobs/aggs default window', () => {
  // Regression: createLoaders read its own Date.now(), so the context's injected `now` never reached
  // the default window [now − 90 d, now]; a request with a pinned clock sent today's window instead.
  it('a context built with `now` sends the window ending at that now', async () => {
    const sim = await startJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    try {
      const jobsAggs = new JobsAggsDatasource({
        url: sim.url,
        tokenUrl: sim.tokenUrl,
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
      });
      const pinned = Date.UTC(2024, 0, 15, 12);
      const ctx = createContext({
        requestId: 'clock',
        logger: pino({ level: 'silent' }),
        caller: { kind: 'anonymous' } as unknown as Caller,
        datasources: { jobsAggs } as unknown as Datasources,
        now: pinned,
      });
      await ctx.loaders.aggregations.load({ source: 'JOBS_API', filter: {}, aggs: [terms('s')] });
      const body = JSON.stringify(sim.aggsBodies().at(-1));
      expect(body).toContain(new Date(pinned).toISOString().slice(0, 10));
      expect(body).toContain(new Date(pinned - 90 * 86_400_000).toISOString().slice(0, 10));
    } finally {
      await sim.close();
    }
  });
});
