import { Counter, Histogram, Registry } from 'prom-client';
import { counterCell, histogramCell } from '../../../src/server/metrics/metric-cells';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Two registries with the same metrics: `stock` fed through prom-client's API, `cells` through the cells. */
function pair(): {
  stock: { registry: Registry; latency: Histogram<string>; calls: Counter<string> };
  cells: { registry: Registry; latency: Histogram<string>; calls: Counter<string> };
} {
  const make = () => {
    const registry = new Registry();
    const latency = new Histogram({
      name: 'jobgraph_backend_call_duration_seconds',
      help: 'latency',
      labelNames: ['backend', 'method'],
      buckets: BUCKETS,
      registers: [registry],
    });
    const calls = new Counter({
      name: 'jobgraph_backend_calls_total',
      help: 'calls',
      labelNames: ['backend', 'method', 'outcome'],
      registers: [registry],
    });
    return { registry, latency, calls };
  };
  return { stock: make(), cells: make() };
}

describe('metric cells', () => {
  it('give /metrics byte-identical to prom-client for a fixed sequence (bounds, +Inf, interleaved label sets, reset, remove)', async () => {
    const { stock, cells } = pair();
    const methods = [
      ['flux', 'lookup'],
      ['flux', 'listJobs'],
      ['elastic', 'searchJobs'],
      ['elog', 'entries'],
    ] as const;
    const latencyCells = methods.map(([backend, method]) => histogramCell(cells.latency, { backend, method }));
    const okCells = methods.map(([backend, method]) => counterCell(cells.calls, { backend, method, outcome: 'ok' }));
    // Values on every bound, just above and below, zero, beyond the last bound, and ones whose sum rounds.
    const values = [0, ...BUCKETS.flatMap((b) => [b, b * (1 - 1e-12), b * (1 + 1e-12)]), 31, 1e6, 0.1 + 0.2, 1 / 3];
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const step = (i: number): void => {
      const m = Math.floor(random() * methods.length);
      const [backend, method] = methods[m] as readonly [string, string];
      const value = values[i % values.length] as number;
      stock.latency.observe({ backend, method }, value);
      latencyCells[m]?.(value);
      if (random() < 0.9) {
        stock.calls.inc({ backend, method, outcome: 'ok' });
        okCells[m]?.();
      } else {
        stock.calls.inc({ backend, method, outcome: 'UPSTREAM_TIMEOUT' });
        cells.calls.inc({ backend, method, outcome: 'UPSTREAM_TIMEOUT' });
      }
    };
    for (let i = 0; i < 2000; i++) step(i);
    expect(await cells.registry.metrics()).toBe(await stock.registry.metrics());
    // Another path created the record first: the cell finds it by its label values.
    stock.latency.reset();
    cells.latency.reset();
    stock.calls.remove({ backend: 'flux', method: 'lookup', outcome: 'ok' });
    cells.calls.remove({ backend: 'flux', method: 'lookup', outcome: 'ok' });
    stock.calls.inc({ backend: 'elog', method: 'entries', outcome: 'ok' }, 5);
    cells.calls.inc({ backend: 'elog', method: 'entries', outcome: 'ok' }, 5);
    for (let i = 0; i < 500; i++) step(i);
    const text = await cells.registry.metrics();
    expect(text).toBe(await stock.registry.metrics());
    expect(text).toContain('jobgraph_backend_call_duration_seconds_bucket{le="+Inf",backend="flux",method="lookup"}');
  });

  it('count every observation when prom-client holds no record the cell can find (another layout): through the API', async () => {
    const { stock, cells } = pair();
    const hidden = cells.latency as unknown as { hashMap: unknown };
    const observe = histogramCell(cells.latency, { backend: 'flux', method: 'lookup' });
    const inc = counterCell(cells.calls, { backend: 'flux', method: 'lookup', outcome: 'ok' });
    for (let i = 0; i < 3; i++) {
      observe(0.002);
      inc();
      stock.latency.observe({ backend: 'flux', method: 'lookup' }, 0.002);
      stock.calls.inc({ backend: 'flux', method: 'lookup', outcome: 'ok' });
      // A replaced map (as reset() does) between every call: the cell never writes to a stale record.
      hidden.hashMap = { ...(hidden.hashMap as object) };
    }
    expect(await cells.registry.metrics()).toBe(await stock.registry.metrics());
  });
});
