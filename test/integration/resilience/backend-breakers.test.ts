import { setTimeout as sleep } from 'node:timers/promises';
import { generateDataset } from '../../../src/simulators/dataset';
import { startAllBackendsGateway } from '../../support/all-backends-gateway';
import type { AllBackendsGateway } from '../../support/all-backends-gateway';

/** One call's outcome: the error code and backend, or `ok`. */
interface Outcome {
  code: string;
  backend?: unknown;
  message?: string;
}

const DEADLINE_MS = 800;
/** GATEWAY_BREAKER.breakerHalfOpenAfterMs, plus scheduling slack. */
const HALF_OPEN_WAIT_MS = 2_300;

describe('every backend has a circuit breaker that opens on repeated failures and closes after a half-open probe', () => {
  const dataset = generateDataset({ seed: 5, jobCount: 300 });
  let gw: AllBackendsGateway;
  let reportKey: string;

  const graphql = async (query: string): Promise<Outcome> => {
    const body = await gw.query(query);
    const error = body.errors?.[0];
    return error ? { code: String(error.extensions?.code), backend: error.extensions?.backend, message: error.message } : { code: 'ok' };
  };
  const cases: Record<string, { breaker: string; backend: string; call: () => Promise<Outcome>; requests: () => number; fail: () => Promise<void>; heal: () => Promise<void> }> = {
    elog: {
      breaker: 'elog',
      backend: 'elog',
      call: () => graphql(`{ experiment(name: "${gw.experiment}") { name } }`),
      requests: () => gw.elog.requests.length,
      fail: () => gw.elog.faults.stop(),
      heal: () => gw.elog.faults.start(),
    },
    'jobs/aggs': {
      breaker: 'jobsAggs',
      backend: 'jobs-aggs',
      call: () => graphql('{ jobAggregations(source: JOBS_API, aggs: [{ name: "s", terms: { field: "job.state" } }]) { total } }'),
      requests: () => gw.jobsAggs.stats().aggsRequests,
      fail: () => gw.jobsAggs.faults.stop(),
      heal: () => gw.jobsAggs.faults.start(),
    },
    sciagraph: {
      breaker: 'sciagraph',
      backend: 'sciagraph',
      async call() {
        const response = await fetch(`${gw.url}/reports/${reportKey}/`);
        await response.arrayBuffer();
        if (response.status === 200) return { code: 'ok' };
        return { code: response.status === 504 ? 'UPSTREAM_TIMEOUT' : response.status === 503 ? 'UPSTREAM_UNAVAILABLE' : `HTTP ${response.status}`, backend: 'sciagraph' };
      },
      requests: () => gw.reportFs.faulted,
      fail: async () => void (gw.reportFs.fault = 'eio'),
      heal: async () => void (gw.reportFs.fault = 'none'),
    },
  };

  beforeAll(async () => {
    gw = await startAllBackendsGateway(dataset, DEADLINE_MS);
    const first = gw.datasources.sciagraph?.iterateReports({}).next();
    reportKey = first && !first.done ? first.value.reportKey : '';
  });
  afterAll(async () => gw.close());

  it.each(Object.keys(cases))('%s', async (name) => {
    const c = cases[name];
    if (!c) throw new Error(name);
    await expect(c.call()).resolves.toEqual({ code: 'ok' });
    expect((await gw.breakers())[c.breaker]).toBe('closed');

    await c.fail();
    const failures: Outcome[] = [];
    for (let i = 0; i < 8 && (await gw.breakers())[c.breaker] !== 'open'; i += 1) failures.push(await c.call());
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expect(failure).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: c.backend });
    expect((await gw.breakers())[c.breaker]).toBe('open');

    // While open, calls are refused at once and nothing reaches the backend.
    const sent = c.requests();
    const started = performance.now();
    await expect(c.call()).resolves.toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', backend: c.backend });
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS / 2);
    expect(c.requests()).toBe(sent);

    // Back again: after the half-open delay one probe goes through, succeeds and closes the breaker.
    await c.heal();
    await sleep(HALF_OPEN_WAIT_MS);
    await expect(c.call()).resolves.toEqual({ code: 'ok' });
    expect((await gw.breakers())[c.breaker]).toBe('closed');
  }, 30_000);
});
