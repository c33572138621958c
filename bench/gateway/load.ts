/** Closed-loop HTTP load: `concurrency` workers POST the same body for `durationMs`; latencies in ms. */
export async function loadTest(
  url: string,
  body: string,
  options: { concurrency: number; durationMs: number },
): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + options.durationMs;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (response.status !== 200 || text.includes('"errors"')) errors += 1;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number): number => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), errors };
}

/** Totals of {@link interleavedLoad}: requests/s and latency percentiles of each side, over all its slices. */
export interface InterleavedResult {
  a: { rps: number; p50: number; p99: number; errors: number };
  b: { rps: number; p50: number; p99: number; errors: number };
  /** Median of the per-slice-pair throughput ratios a/b. */
  medianRatio: number;
}

/**
 * Loads two endpoints in alternating slices (a, b, a, b, …) of `sliceMs` for `rounds` rounds, so
 * the noise of a shared machine (other processes coming and going) falls on both sides alike.
 */
export async function interleavedLoad(
  a: { url: string; body: string },
  b: { url: string; body: string },
  options: { concurrency: number; sliceMs: number; rounds: number },
): Promise<InterleavedResult> {
  const runs: { a: Awaited<ReturnType<typeof loadTest>>[]; b: Awaited<ReturnType<typeof loadTest>>[] } = {
    a: [],
    b: [],
  };
  for (let round = 0; round < options.rounds; round++) {
    runs.a.push(await loadTest(a.url, a.body, { concurrency: options.concurrency, durationMs: options.sliceMs }));
    runs.b.push(await loadTest(b.url, b.body, { concurrency: options.concurrency, durationMs: options.sliceMs }));
  }
  const total = (list: Awaited<ReturnType<typeof loadTest>>[]): InterleavedResult['a'] => ({
    rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
    p50: median(list.map((r) => r.p50)),
    p99: Math.max(...list.map((r) => r.p99)),
    errors: list.reduce((sum, r) => sum + r.errors, 0),
  });
  return {
    a: total(runs.a),
    b: total(runs.b),
    medianRatio: median(runs.a.map((r, i) => r.rps / (runs.b[i]?.rps ?? NaN))),
  };
}

/** The median of `values` (the upper one of an even count); NaN when empty. */
export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
