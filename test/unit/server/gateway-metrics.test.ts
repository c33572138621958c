import { Counter, Histogram, Registry } from 'prom-client';
import type { Datasources } from '../../../src/datasources/create-datasources';
import { countBackendCalls, observeDatasourceCalls } from '../../../src/datasources/datasource-calls.observer';
import type { BackendCallCounts } from '../../../src/datasources/datasource-calls.observer';
import { UpstreamTimeoutError, UpstreamUnavailableError, findJobgraphError } from '../../../src/errors';
import { createGatewayMetrics } from '../../../src/server/metrics/gateway-metrics';

/**
 * The instrumentation as it was before the per-method cells (prom-client's startTimer and inc per
 * call): the reference the gateway's `/metrics` must equal, line for line, for the same calls.
 */
function referenceInstrument(datasources: Datasources): { registry: Registry; view: Datasources } {
  const registry = new Registry();
  const calls = new Counter({
    name: 'jobgraph_backend_calls_total',
    help: 'Datasource calls by backend, method and outcome (ok or the error code)',
    labelNames: ['backend', 'method', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'jobgraph_backend_call_duration_seconds',
    help: 'Datasource call latency by backend and method, seconds',
    labelNames: ['backend', 'method'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const view = observeDatasourceCalls(datasources, (backend, method) => {
    const stop = latency.startTimer({ backend, method });
    return (error) => {
      stop();
      calls.inc({ backend, method, outcome: error === undefined ? 'ok' : (findJobgraphError(error)?.code ?? 'error') });
    };
  });
  return { registry, view };
}

/** A scripted clock for process.hrtime (what both the reference and the gateway time calls with). */
let clock = 0n;
function fakeHrtime(previous?: [number, number]): [number, number] {
  const now: [number, number] = [Number(clock / 1_000_000_000n), Number(clock % 1_000_000_000n)];
  if (!previous) return now;
  let seconds = now[0] - previous[0];
  let nanoseconds = now[1] - previous[1];
  if (nanoseconds < 0) {
    seconds -= 1;
    nanoseconds += 1e9;
  }
  return [seconds, nanoseconds];
}

/** Datasources whose calls settle when the script says: resolve, reject (typed or not), return or throw synchronously. */
function scriptedDatasources(pending: Array<() => void>): Datasources {
  return {
    flux: {
      lookup: (id: number) => new Promise((resolve) => pending.push(() => resolve(id))),
      fail: (typed: boolean) =>
        new Promise((_, reject) =>
          pending.push(() => reject(typed ? new UpstreamTimeoutError('flux', 'slow') : new Error('plain'))),
        ),
      sync: () => 3,
      boom: () => {
        throw new UpstreamUnavailableError('flux', 'down');
      },
    },
    elog: { entries: () => Promise.resolve([]) },
  } as unknown as Datasources;
}

/** Runs the same seeded requests through `instrument`'s view; returns the backend lines of /metrics and each request's counts. */
async function scriptedRun(
  instrument: (datasources: Datasources) => { registry: Registry; view: Datasources },
): Promise<{ lines: string[]; counts: BackendCallCounts[] }> {
  clock = 10n ** 12n;
  let seed = 5;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pending: Array<() => void> = [];
  const { registry, view } = instrument(scriptedDatasources(pending));
  const counts: BackendCallCounts[] = [];
  for (let request = 0; request < 60; request++) {
    const requestCounts: BackendCallCounts = {};
    counts.push(requestCounts);
    const ds = countBackendCalls(view, requestCounts) as unknown as {
      flux: {
        lookup(id: number): Promise<unknown>;
        fail(typed: boolean): Promise<unknown>;
        sync(): number;
        boom(): void;
      };
      elog: { entries(): Promise<unknown> };
    };
    const calls: Array<Promise<unknown>> = [];
    for (let i = 0; i < 20; i++) {
      clock += BigInt(Math.floor(random() * 3e7));
      const kind = random();
      if (kind < 0.6) calls.push(ds.flux.lookup(i));
      else if (kind < 0.75) calls.push(ds.flux.fail(kind < 0.7).catch(() => null));
      else if (kind < 0.85) ds.flux.sync();
      else if (kind < 0.9) expect(() => ds.flux.boom()).toThrow(UpstreamUnavailableError);
      else calls.push(ds.elog.entries());
    }
    while (pending.length > 0) {
      clock += BigInt(Math.floor(random() < 0.02 ? 4e10 : random() * 5e8));
      pending.splice(Math.floor(random() * pending.length), 1)[0]?.();
      for (let tick = 0; tick < 3; tick++) await null;
    }
    await Promise.all(calls);
  }
  const lines = (await registry.metrics()).split('\n').filter((line) => line.includes('jobgraph_backend_call'));
  return { lines, counts };
}

describe('gateway metrics: datasource calls', () => {
  let hrtime: jest.SpyInstance;
  beforeEach(() => {
    hrtime = jest.spyOn(process, 'hrtime').mockImplementation(fakeHrtime as typeof process.hrtime);
  });
  afterEach(() => hrtime.mockRestore());

  it("gives /metrics identical to prom-client's startTimer + inc per call (names, labels, counts, durations) and the same request counts", async () => {
    const reference = await scriptedRun(referenceInstrument);
    const gateway = await scriptedRun((datasources) => {
      const metrics = createGatewayMetrics({} as Datasources);
      return { registry: metrics.registry, view: metrics.instrument(datasources) };
    });
    expect(gateway.lines).toEqual(reference.lines);
    expect(gateway.counts).toEqual(reference.counts);
    // The script reached every outcome and method, with durations beyond the first and last buckets.
    const text = gateway.lines.join('\n');
    for (const outcome of ['ok', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'error'])
      expect(text).toContain(`outcome="${outcome}"`);
    for (const method of ['lookup', 'fail', 'sync', 'boom', 'entries']) expect(text).toContain(`method="${method}"`);
    expect(text).toMatch(/le="0.001",backend="flux",method="sync"} [1-9]/);
    const bucket = (le: string): number =>
      Number(gateway.lines.find((line) => line.includes(`{le="${le}",backend="flux",method="lookup"}`))?.split(' ')[1]);
    expect(bucket('+Inf')).toBeGreaterThan(bucket('30'));
  });

  it('hands out one wrapper per method and view (the per-request counts still see every call)', () => {
    const metrics = createGatewayMetrics({} as Datasources);
    const view = metrics.instrument(scriptedDatasources([])) as unknown as { flux: { sync(): number } };
    expect(view.flux.sync).toBe(view.flux.sync);
    const counts: BackendCallCounts = {};
    const requestView = countBackendCalls(view as unknown as Datasources, counts) as unknown as typeof view;
    for (let i = 0; i < 3; i++) expect(requestView.flux.sync()).toBe(3);
    expect(counts).toEqual({ 'flux.sync': 3 });
  });
});
