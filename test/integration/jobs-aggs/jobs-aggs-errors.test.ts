import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { JobsAggsDatasource } from '../../../src/datasources/jobs-aggs/jobs-aggs-datasource';
import type { AggregationSpec } from '../../../src/datasources/aggregation/aggregation-query';
import { nextUtcMidnight } from '../../../src/datasources/jobs-aggs/jobs-aggs-errors';
import { throttleFault } from '../../support/jobs-aggs-scripted-faults';
import { startFaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import type { FaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import { smallDataset } from '../../fixtures/jobs-aggs/small-dataset';

const dataset = smallDataset(100);
const nowMs = dataset.now * 1000;
const terms: AggregationSpec[] = [{ name: 'byState', kind: 'TERMS', field: 'job.state', size: 5 }];

describe('jobs/aggs error shapes', () => {
  let sim: FaultyJobsAggsSimulator;
  let ds: JobsAggsDatasource;
  const make = (extra: Partial<ConstructorParameters<typeof JobsAggsDatasource>[0]> = {}): JobsAggsDatasource =>
    new JobsAggsDatasource({
      url: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      ...extra,
    });
  beforeEach(async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset });
    ds = make();
  });
  afterEach(async () => sim.close());

  it('rejects undocumented kinds before sending anything', async () => {
    const range: AggregationSpec = { name: 'r', kind: 'RANGE', field: 'job.nnodes', ranges: [{ to: 2 }] };
    await expect(ds.aggregate({}, [range], { nowMs })).rejects.toMatchObject({
      message: 'aggregation kind RANGE is not supported by source JOBS_API (supported: TERMS, DATE_HISTOGRAM, FILTER)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(ds.aggregate({ users: ['ana'] }, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(
      ds.aggregate({}, [{ name: 'h', kind: 'DATE_HISTOGRAM', field: 'job.state', fixedInterval: '1d' }], { nowMs }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'job.state' },
    });
    await expect(
      ds.aggregate({}, [{ name: 'h', kind: 'DATE_HISTOGRAM', field: '@timestamp', fixedInterval: '1s' }], { nowMs }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', max: 10_000 },
    });
    expect(sim.stats()).toEqual({ tokenRequests: 0, aggsRequests: 0 });
  });

  it('maps a 400 to BAD_USER_INPUT carrying the detail and the request id header', async () => {
    await expect(ds.aggregate({ application: 'nope' }, terms, { nowMs })).rejects.toMatchObject({
      extensions: {
        code: 'BAD_USER_INPUT',
        backend: 'jobs-aggs',
        upstreamStatus: 400,
        detail: 'Invalid application type. Must be one of: atr, klewer, eventops, quasar',
      },
    });
    sim.injectFault({
      route: 'aggs',
      status: 422,
      headers: { 'x-request-id': 'req-42' },
      body: { detail: [{ loc: ['body'], msg: 'field required', type: 'missing' }, { msg: 'bad' }] },
    });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', upstreamStatus: 422, detail: 'field required; bad', requestId: 'req-42' },
    });
  });

  it('maps 403 to FORBIDDEN without refreshing, and 404/500 to UPSTREAM_ERROR without retrying', async () => {
    sim.injectFault({
      route: 'aggs',
      status: 403,
      body: { status_code: 403, detail: 'client_id does not match token' },
    });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', upstreamStatus: 403, detail: 'client_id does not match token' },
    });
    sim.injectFault({ route: 'aggs', status: 500, body: 'upstream exploded' });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR', upstreamStatus: 500, detail: 'upstream exploded' },
    });
    sim.injectFault({ route: 'aggs', status: 404, body: { message: 'Not Found' } });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR', upstreamStatus: 404, detail: 'Not Found' },
    });
    expect(sim.stats()).toEqual({ tokenRequests: 1, aggsRequests: 3 });
  });

  it('retries a 503 once after jitter; two in a row are UPSTREAM_UNAVAILABLE', async () => {
    sim.injectFault({ route: 'aggs', status: 503 });
    await expect(ds.aggregate({}, terms, { nowMs })).resolves.toMatchObject({ total: expect.any(Number) });
    sim.injectFault({ route: 'aggs', status: 503, times: 2, body: { status_code: 503, detail: 'maintenance' } });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE', upstreamStatus: 503, detail: 'maintenance' },
    });
    expect(sim.stats().aggsRequests).toBe(4);
  });

  it('maps an exhausted quota to RATE_LIMITED with the next midnight UTC, then fails at once for up to 60 s', async () => {
    sim.setDailyQuota(1);
    await ds.aggregate({}, terms, { nowMs });
    const error = await ds.aggregate({}, terms, { nowMs }).catch((e: unknown) => e);
    const reset = nextUtcMidnight(Date.now());
    expect(error).toMatchObject({
      extensions: {
        code: 'RATE_LIMITED',
        backend: 'jobs-aggs',
        upstreamStatus: 429,
        detail: 'Rate limit exceeded',
        resetAt: new Date(reset).toISOString(),
      },
    });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({ extensions: { code: 'RATE_LIMITED' } });
    expect(sim.stats().aggsRequests).toBe(2);
  });

  it('reads Retry-After of a throttling 429', async () => {
    sim.injectFault(throttleFault());
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 2, detail: 'Too many requests' },
    });
  });

  it('reports a stalled API as UPSTREAM_TIMEOUT at the deadline', async () => {
    const quick = make({ timeoutMs: 300 });
    await quick.ping();
    sim.injectFault({ route: 'aggs', delayMs: 2000 });
    const started = Date.now();
    await expect(quick.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_TIMEOUT', backend: 'jobs-aggs' },
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('keeps the aggs deadline while the token endpoint stalls', async () => {
    const quick = make({ timeoutMs: 300 });
    sim.injectFault({ route: 'token', delayMs: 2000 });
    const started = Date.now();
    await expect(quick.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_TIMEOUT', backend: 'jobs-aggs' },
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('maps malformed and oversized 200 answers to UPSTREAM_ERROR', async () => {
    sim.injectFault({ route: 'aggs', status: 200, body: { data: { total: 1 } } });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR' },
      message: expect.stringContaining('malformed'),
    });
    sim.injectFault({
      route: 'aggs',
      status: 200,
      body: '{"data":{"total":18446744073709551615,"aggregations":{}},"meta":{"request_id":"r-big"}}',
    });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR', requestId: 'r-big' },
      message: 'jobs API total 18446744073709551615 is above 2^31-1',
    });
    sim.injectFault({ route: 'aggs', status: 200, body: { data: { total: 3, aggregations: {} } } });
    await expect(ds.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      message: expect.stringContaining('aggregation byState is missing'),
    });
  });

  it('reports a refused connection as UPSTREAM_UNAVAILABLE after one retry', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const free = (probe.address() as AddressInfo).port;
        probe.close(() => resolve(free));
      });
    });
    const dead = make({ url: `http://127.0.0.1:${port}` });
    await dead.ping();
    await expect(dead.aggregate({}, terms, { nowMs })).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'jobs-aggs' },
    });
  });
});
