import type { Counter, Histogram, LabelValues } from 'prom-client';

/** The record prom-client 15 keeps per label set of a histogram (lib/histogram.js `createBaseValues`). */
interface HistogramRecord {
  labels: object;
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}

/** The record prom-client 15 keeps per label set of a counter (lib/counter.js `setValue`). */
interface CounterRecord {
  labels: object;
  value: number;
}

/** The parts of a prom-client metric a cell reads: its records by label hash, and a histogram's bounds. */
interface MetricInternals<R> {
  hashMap?: Record<string, R>;
  upperBounds?: readonly number[];
  enableExemplars?: boolean;
}

/** Whether two label sets are equal (same names, same values). */
function sameLabels(a: object, b: object): boolean {
  const names = Object.keys(a);
  if (names.length !== Object.keys(b).length) return false;
  for (const name of names)
    if ((a as Record<string, unknown>)[name] !== (b as Record<string, unknown>)[name]) return false;
  return true;
}

/** The key under which prom-client keeps the record of `labels`. */
function recordKeyOf<R extends { labels: object }>(
  map: Record<string, R> | undefined,
  labels: object,
): string | undefined {
  if (map === undefined || map === null || typeof map !== 'object') return undefined;
  for (const key in map) {
    const record = map[key];
    if (record && typeof record.labels === 'object' && sameLabels(record.labels, labels)) return key;
  }
  return undefined;
}

/**
 * One label set of a prom-client histogram, observed without prom-client's per-call work (a labels
 * object checked, hashed to a string and looked up each time: ~1 µs per datasource call). The first
 * observation goes through `histogram.observe`, which creates the label set's record; later ones
 * update that record as prom-client would (same bucket search, `sum +=`, `count += 1`, so `/metrics`
 * is byte-identical: test/unit/server/metric-cells.test.ts). Whenever the record is not the one
 * prom-client holds (after `reset()`/`remove()`, or another prom-client layout), the call goes
 * through `observe` again: never a lost or doubled observation, only a slower one.
 */
export function histogramCell<T extends string>(
  histogram: Histogram<T>,
  labels: LabelValues<T>,
): (value: number) => void {
  const internals = histogram as unknown as MetricInternals<HistogramRecord>;
  const bounds = internals.upperBounds ?? [];
  const keys = bounds.map(String);
  let map: Record<string, HistogramRecord> | undefined;
  let key: string | undefined;
  let record: HistogramRecord | undefined;
  return (value) => {
    if (
      record !== undefined &&
      internals.hashMap === map &&
      map?.[key as string] === record &&
      Number.isFinite(value)
    ) {
      let i = 0;
      while (i < bounds.length && !(value <= (bounds[i] as number))) i++;
      record.sum += value;
      record.count += 1;
      if (i < bounds.length) (record.bucketValues[keys[i] as string] as number) += 1;
      return;
    }
    histogram.observe(labels, value);
    if (internals.enableExemplars === true) return;
    map = internals.hashMap;
    key = recordKeyOf(map, labels);
    const found = key === undefined ? undefined : map?.[key];
    record =
      found !== undefined &&
      typeof found.sum === 'number' &&
      found.bucketValues &&
      typeof found.bucketValues === 'object'
        ? found
        : undefined;
  };
}

/**
 * One label set of a prom-client counter, incremented by one without prom-client's per-call labels
 * check and hash; the first increment (and any after the record changed) goes through `counter.inc`.
 * Same output as `counter.inc(labels)` each time (test/unit/server/metric-cells.test.ts).
 */
export function counterCell<T extends string>(counter: Counter<T>, labels: LabelValues<T>): () => void {
  const internals = counter as unknown as MetricInternals<CounterRecord>;
  let map: Record<string, CounterRecord> | undefined;
  let key: string | undefined;
  let record: CounterRecord | undefined;
  return () => {
    if (record !== undefined && internals.hashMap === map && map?.[key as string] === record) {
      record.value += 1;
      return;
    }
    counter.inc(labels);
    if (internals.enableExemplars === true) return;
    map = internals.hashMap;
    key = recordKeyOf(map, labels);
    const found = key === undefined ? undefined : map?.[key];
    record = found !== undefined && typeof found.value === 'number' ? found : undefined;
  };
}
