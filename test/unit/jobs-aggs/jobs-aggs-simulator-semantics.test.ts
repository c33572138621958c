import { evaluateAggregation } from '../../../src/simulators/jobs-aggs/jobs-aggs-sim-evaluate';
import { parseSimulatedQuery } from '../../../src/simulators/jobs-aggs/jobs-aggs-sim-query';
import { vendorJobState } from '../../../src/simulators/jobs-aggs/jobs-aggs-documents';

const day = (iso: string): number => Date.parse(`${iso}T12:00:00Z`);
const docs = (counts: Record<string, number>, field = 'job.state'): Array<Record<string, string | number>> =>
  Object.entries(counts).flatMap(([value, n]) =>
    Array.from({ length: n }, () => ({ [field]: value, '@timestamp': 0 })),
  );
const histogramOf = (times: number[], params: Record<string, unknown>) => {
  const query = parseSimulatedQuery({
    application: 'atr',
    start_time: '2025-01-01T00:00:00Z',
    end_time: '2025-12-31T00:00:00Z',
    aggs: { h: { date_histogram: { field: '@timestamp', ...params } } },
  });
  const [, agg] = query.aggs[0] ?? [];
  return evaluateAggregation(
    times.map((t) => ({ '@timestamp': t })),
    agg as never,
  ) as { buckets: Array<{ key: number; key_as_string: string; doc_count: number }> };
};

describe('simulated jobs/aggs semantics', () => {
  it('orders terms by count, ties by key, and reports what size cut off', () => {
    const result = evaluateAggregation(docs({ COMPLETED: 171, FAILED: 19, RUNNING: 9, CANCELLED: 9, TIMEOUT: 4 }), {
      kind: 'terms',
      field: 'job.state',
      size: 3,
    });
    expect(result).toEqual({
      doc_count_error_upper_bound: 0,
      sum_other_doc_count: 13,
      buckets: [
        { key: 'COMPLETED', doc_count: 171 },
        { key: 'FAILED', doc_count: 19 },
        { key: 'CANCELLED', doc_count: 9 },
      ],
    });
  });

  it('fills histogram gaps only inside the data unless extended_bounds asks', () => {
    const times = [day('2025-03-03'), day('2025-03-05'), day('2025-03-06')];
    const plain = histogramOf(times, { fixed_interval: '1d' });
    expect(plain.buckets.map((b) => [b.key_as_string, b.doc_count])).toEqual([
      ['2025-03-03T00:00:00.000Z', 1],
      ['2025-03-04T00:00:00.000Z', 0],
      ['2025-03-05T00:00:00.000Z', 1],
      ['2025-03-06T00:00:00.000Z', 1],
    ]);
    const extended = histogramOf(times, {
      fixed_interval: '1d',
      extended_bounds: { min: Date.UTC(2025, 2, 1), max: Date.UTC(2025, 2, 7) },
    });
    expect(extended.buckets).toHaveLength(7);
    expect(histogramOf(times, { fixed_interval: '1d', min_doc_count: 1 }).buckets).toHaveLength(3);
    expect(histogramOf([], { fixed_interval: '1d' }).buckets).toEqual([]);
  });

  it('starts 7d buckets on Thursdays and calendar weeks on Mondays', () => {
    expect(histogramOf([day('2025-03-05')], { fixed_interval: '7d' }).buckets[0]?.key_as_string).toBe(
      '2025-02-27T00:00:00.000Z',
    );
    expect(histogramOf([day('2025-03-05')], { calendar_interval: 'week' }).buckets[0]?.key_as_string).toBe(
      '2025-03-03T00:00:00.000Z',
    );
    expect(
      histogramOf([day('2025-02-14'), day('2025-05-02')], { calendar_interval: 'quarter' }).buckets.map(
        (b) => b.key_as_string,
      ),
    ).toEqual(['2025-01-01T00:00:00.000Z', '2025-04-01T00:00:00.000Z']);
  });

  it('validates like the vendor', () => {
    const base = { application: 'atr', start_time: '2025-01-01T00:00:00Z', end_time: '2025-02-01T00:00:00Z' };
    expect(() =>
      parseSimulatedQuery({ ...base, application: 'x', aggs: { a: { terms: { field: 'job.state' } } } }),
    ).toThrow('Invalid application type. Must be one of: atr, klewer, eventops, quasar');
    expect(() => parseSimulatedQuery({ ...base, aggs: { a: { avg: { field: 'job.nnodes' } } } })).toThrow(
      'Unsupported aggregation type: avg',
    );
    expect(() => parseSimulatedQuery({ ...base, aggs: { a: { terms: { field: 'job.state' }, aggs: {} } } })).toThrow(
      'Sub-aggregations are not supported',
    );
    expect(() =>
      parseSimulatedQuery({ ...base, aggs: { a: { date_histogram: { field: 'job.state', fixed_interval: '1d' } } } }),
    ).toThrow('Field [job.state] of type [keyword] is not supported for aggregation [date_histogram]');
    expect(() =>
      parseSimulatedQuery({ ...base, start_time: '2025-01-01 00:00:00', aggs: { a: { terms: { field: 'x' } } } }),
    ).toThrow('Invalid start_time');
  });

  it('maps Flux states to vendor states', () => {
    expect(vendorJobState({ id: 1n, userId: 1, urgency: 16, state: 'INACTIVE', result: 'CANCELED', tSubmit: 0 })).toBe(
      'CANCELLED',
    );
    expect(vendorJobState({ id: 1n, userId: 1, urgency: 16, state: 'CLEANUP', tSubmit: 0 })).toBe('RUNNING');
  });
});
