import { JobsAggsDatasource } from '../../../src/datasources/jobs-aggs/jobs-aggs-datasource';
import { startFaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import type { FaultyJobsAggsSimulator } from '../../support/faulty-simulators';
import { smallDataset } from '../../fixtures/jobs-aggs/small-dataset';

const dataset = smallDataset(300);
const nowMs = dataset.now * 1000;
const aggs = [{ name: 'byState', kind: 'TERMS' as const, field: 'job.state', size: 20 }];

function datasourceFor(sim: FaultyJobsAggsSimulator, clock?: () => number): JobsAggsDatasource {
  return new JobsAggsDatasource({
    url: sim.url,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    ...(clock ? { clock } : {}),
  });
}

describe('jobs/aggs token source against the simulator', () => {
  let sim: FaultyJobsAggsSimulator;
  afterEach(async () => sim.close());

  it('serves 100 concurrent queries on a cold cache with exactly 1 token request', async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    const ds = datasourceFor(sim);
    const results = await Promise.all(Array.from({ length: 100 }, () => ds.aggregate({}, aggs, { nowMs })));
    expect(results).toHaveLength(100);
    expect(sim.stats()).toEqual({ tokenRequests: 1, aggsRequests: 100 });
  });

  it('after revokeAll, asks for exactly 1 more token and retries each request in flight once', async () => {
    // 4 requests are in flight at once (contract §3.3); the other 16 wait and get the new token.
    sim = await startFaultyJobsAggsSimulator({ dataset, dailyQuota: 1000 });
    const ds = datasourceFor(sim);
    await ds.aggregate({}, aggs, { nowMs });
    sim.revokeAll();
    await Promise.all(Array.from({ length: 20 }, () => ds.aggregate({}, aggs, { nowMs })));
    expect(sim.stats()).toEqual({ tokenRequests: 2, aggsRequests: 1 + 20 + 4 });
  });

  it('refreshes a token shortly before it expires, not after every request', async () => {
    let now = Math.ceil(Date.now() / 1000) * 1000; // the simulator's iat and exp are whole seconds
    const clock = (): number => now;
    sim = await startFaultyJobsAggsSimulator({ dataset, tokenLifetimeSeconds: 2, clock });
    const ds = datasourceFor(sim, clock);
    await ds.aggregate({}, aggs, { nowMs });
    now += 1700;
    await ds.aggregate({}, aggs, { nowMs });
    expect(sim.stats().tokenRequests).toBe(1);
    now += 200; // 1.9 s: inside the 10 % margin of a 2 s token
    await ds.aggregate({}, aggs, { nowMs });
    expect(sim.stats()).toEqual({ tokenRequests: 2, aggsRequests: 3 });
  });

  it('recovers from a 401 to an expired token with one refresh and one retry', async () => {
    let now = Date.now();
    const simClock = (): number => now;
    sim = await startFaultyJobsAggsSimulator({ dataset, tokenLifetimeSeconds: 2, clock: simClock });
    const ds = datasourceFor(sim); // its own clock: believes the token still fresh
    await ds.aggregate({}, aggs, { nowMs });
    now += 5000;
    const result = await ds.aggregate({}, aggs, { nowMs });
    expect(result.total).toBeGreaterThan(0);
    expect(sim.stats()).toEqual({ tokenRequests: 2, aggsRequests: 3 });
  });

  it('answers a second 401 with UPSTREAM_ERROR and no third attempt', async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset });
    const ds = datasourceFor(sim);
    sim.injectFault({
      route: 'aggs',
      status: 401,
      body: { status_code: 401, detail: 'Invalid or missing token' },
      times: 2,
    });
    await expect(ds.aggregate({}, aggs, { nowMs })).rejects.toMatchObject({
      extensions: {
        code: 'UPSTREAM_ERROR',
        backend: 'jobs-aggs',
        upstreamStatus: 401,
        detail: 'Invalid or missing token',
      },
    });
    expect(sim.stats()).toEqual({ tokenRequests: 2, aggsRequests: 2 });
  });

  it('caches a rejected token request for 30 s and never shows the secret', async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset });
    const secret = 'wrong-secret-Zq9';
    const ds = new JobsAggsDatasource({
      url: sim.url,
      tokenUrl: sim.tokenUrl,
      clientId: sim.clientId,
      clientSecret: secret,
    });
    const first = await ds.aggregate({}, aggs, { nowMs }).catch((e: unknown) => e);
    const second = await ds.aggregate({}, aggs, { nowMs }).catch((e: unknown) => e);
    expect(first).toMatchObject({
      message: 'jobs API token request rejected: invalid_client',
      extensions: { code: 'UPSTREAM_ERROR', backend: 'jobs-aggs' },
    });
    expect(second).toBe(first);
    expect(JSON.stringify(first)).not.toContain(secret);
    expect(sim.stats()).toEqual({ tokenRequests: 1, aggsRequests: 0 });
  });

  it('retries a token endpoint 5xx once, then reports UPSTREAM_UNAVAILABLE', async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset });
    const ds = datasourceFor(sim);
    sim.injectFault({ route: 'token', status: 503, times: 1 });
    await expect(ds.aggregate({}, aggs, { nowMs })).resolves.toMatchObject({ total: expect.any(Number) });
    expect(sim.stats().tokenRequests).toBe(2);
    const other = datasourceFor(sim);
    sim.injectFault({ route: 'token', status: 502, times: 2 });
    await expect(other.ping()).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_UNAVAILABLE', backend: 'jobs-aggs', upstreamStatus: 502 },
    });
    expect(sim.stats().tokenRequests).toBe(4);
  });

  it('refuses a token_type other than bearer', async () => {
    sim = await startFaultyJobsAggsSimulator({ dataset });
    sim.injectFault({ route: 'token', status: 200, body: { access_token: 'x', token_type: 'mac', expires_in: 60 } });
    await expect(datasourceFor(sim).ping()).rejects.toMatchObject({
      extensions: { code: 'UPSTREAM_ERROR' },
      message: expect.stringContaining('not bearer'),
    });
  });
});
