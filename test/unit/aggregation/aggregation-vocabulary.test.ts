import { translateAggregation } from '../../../src/datasources/aggregation/aggregation-vocabulary';
import { createInMemoryAggregator } from '../../../src/datasources/aggregation/in-memory-aggregation';
import { ELASTIC_VOCABULARY } from '../../../src/datasources/elastic/elastic-aggregation.vocabulary';
import { FLUX_VOCABULARY } from '../../../src/datasources/flux/flux-aggregation.vocabulary';
import { JOBS_AGGS_VOCABULARY } from '../../../src/datasources/jobs-aggs/jobs-aggs-vocabulary';

describe('translateAggregation: the vocabulary in each source’s terms', () => {
  test('a field is renamed per source; a raw request passes unchanged', () => {
    const spec = { name: 'd', kind: 'DATE_HISTOGRAM' as const, field: 'SUBMITTED_AT', calendarInterval: 'day' };
    expect(translateAggregation(ELASTIC_VOCABULARY, spec).spec.field).toBe('submittedAt');
    expect(translateAggregation(JOBS_AGGS_VOCABULARY, spec).spec.field).toBe('@timestamp');
    expect(translateAggregation(FLUX_VOCABULARY, spec).spec.field).toBe('t_submit');
    const raw = { ...spec, field: 'schedAt', raw: true };
    expect(translateAggregation(ELASTIC_VOCABULARY, raw).spec).toBe(raw);
  });

  test('FILTER values become the source’s: CANCELED → CANCELLED (JOBS_API), PENDING → three Flux states', () => {
    const canceled = { name: 'c', kind: 'FILTER' as const, field: 'RESULT', value: 'CANCELED' };
    expect(translateAggregation(JOBS_AGGS_VOCABULARY, canceled).spec).toMatchObject({ value: 'CANCELLED' });
    const pending = { name: 'p', kind: 'FILTER' as const, field: 'STATUS', value: 'PENDING' };
    expect(translateAggregation(ELASTIC_VOCABULARY, pending).spec).toMatchObject({
      field: 'status',
      values: ['DEPEND', 'PRIORITY', 'SCHED'],
    });
    expect(() => translateAggregation(ELASTIC_VOCABULARY, { ...pending, value: 'CANCELLED' })).toThrow(
      /STATUS has no value "CANCELLED"; its values: PENDING, RUNNING, COMPLETED, FAILED, CANCELED, TIMEOUT/,
    );
  });

  test('TERMS of a folded field is asked wide, then summed per vocabulary value, reordered and cut to size', () => {
    const t = translateAggregation(ELASTIC_VOCABULARY, { name: 's', kind: 'TERMS', field: 'STATUS', size: 2 });
    expect(t.spec).toMatchObject({ field: 'status', size: 100 });
    const answer = t.answer({
      name: 's',
      kind: 'TERMS',
      buckets: [
        { key: 'COMPLETED', docCount: 5 },
        { key: 'SCHED', docCount: 3 },
        { key: 'RUN', docCount: 2 },
        { key: 'DEPEND', docCount: 3 },
        { key: 'CLEANUP', docCount: 1 },
      ],
    });
    expect(answer.buckets).toEqual([
      { key: 'PENDING', docCount: 6 },
      { key: 'COMPLETED', docCount: 5 },
    ]);
    const result = translateAggregation(JOBS_AGGS_VOCABULARY, { name: 'r', kind: 'TERMS', field: 'RESULT', size: 10 });
    expect(
      result.answer({
        name: 'r',
        kind: 'TERMS',
        buckets: [
          { key: 'RUNNING', docCount: 9 },
          { key: 'CANCELLED', docCount: 2 },
        ],
      }).buckets,
    ).toEqual([{ key: 'CANCELED', docCount: 2 }]);
  });

  test('a field the source lacks is BAD_USER_INPUT naming source and field (and why, where known)', () => {
    const error = (() => {
      try {
        translateAggregation(FLUX_VOCABULARY, { name: 'c', kind: 'TERMS', field: 'EXPERIMENT', size: 5 });
      } catch (e) {
        return e as { message: string; extensions: Record<string, unknown> };
      }
      return undefined;
    })();
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', source: 'FLUX', field: 'EXPERIMENT' });
    expect(error?.message).toMatch(
      /source FLUX has no field EXPERIMENT \(job-list does not hold it; use ELASTICSEARCH\)/,
    );
    expect(() =>
      translateAggregation(JOBS_AGGS_VOCABULARY, { name: 'c', kind: 'TERMS', field: 'CLUSTER', size: 5 }),
    ).toThrow(/source JOBS_API has no field CLUSTER; its fields: RESULT, STATUS/);
    expect(() =>
      translateAggregation(ELASTIC_VOCABULARY, { name: 'x', kind: 'TERMS', field: 'state', size: 1 }),
    ).toThrow(/unknown field state/);
  });
});

describe('createInMemoryAggregator: Elasticsearch’s answers computed in the gateway', () => {
  const docs = [
    { q: 'a', t: Date.UTC(2026, 0, 1, 5), n: 10 },
    { q: 'b', t: Date.UTC(2026, 0, 3, 5), n: 100 },
    { q: 'a', t: Date.UTC(2026, 0, 3, 6), n: 5000 },
    { q: undefined, t: Date.UTC(2026, 0, 5), n: undefined },
  ];
  const fields = {
    q: { kind: 'keyword' as const, value: (d: (typeof docs)[number]) => d.q },
    t: { kind: 'date' as const, value: (d: (typeof docs)[number]) => d.t },
    n: { kind: 'numeric' as const, value: (d: (typeof docs)[number]) => d.n },
  };
  const run = (specs: Parameters<typeof createInMemoryAggregator>[0]) => {
    const agg = createInMemoryAggregator(specs, (spec) => fields[spec.field as keyof typeof fields]);
    docs.forEach((d) => agg.add(d));
    return agg.result();
  };

  test('terms, histogram filled between first and last bucket, ranges ordered by from with Java keys, metrics', () => {
    const result = run([
      { name: 'q', kind: 'TERMS', field: 'q', size: 10 },
      { name: 'd', kind: 'DATE_HISTOGRAM', field: 't', calendarInterval: 'day' },
      { name: 'r', kind: 'RANGE', field: 'n', ranges: [{ from: 100 }, { to: 100 }] },
      { name: 'max', kind: 'METRIC', field: 'n', op: 'MAX' },
      { name: 'sum', kind: 'METRIC', field: 'n', op: 'SUM' },
      { name: 'p', kind: 'METRIC', field: 'n', op: 'PERCENTILES', percents: [50] },
    ]);
    expect(result.total).toBe(4);
    const [q, d, r, max, sum, p] = result.aggregations;
    expect(q?.buckets).toEqual([
      { key: 'a', docCount: 2 },
      { key: 'b', docCount: 1 },
    ]);
    expect(d?.buckets?.map((b) => [new Date(Number(b.key)).toISOString().slice(0, 10), b.docCount])).toEqual([
      ['2026-01-01', 1],
      ['2026-01-02', 0],
      ['2026-01-03', 2],
      ['2026-01-04', 0],
      ['2026-01-05', 1],
    ]);
    expect(r?.buckets).toEqual([
      { key: '*-100.0', docCount: 1 },
      { key: '100.0-*', docCount: 2 },
    ]);
    expect([max?.value, sum?.value, p?.percentiles]).toEqual([5000, 5110, [{ percent: 50, value: 100 }]]);
  });

  test('kinds a field cannot take are refused before any document is read', () => {
    expect(() =>
      createInMemoryAggregator([{ name: 'x', kind: 'METRIC', field: 'q', op: 'AVG' }], () => fields.q),
    ).toThrow(/aggregation "x": field "q" is a keyword field; expected numeric/);
    expect(() =>
      createInMemoryAggregator(
        [{ name: 'h', kind: 'DATE_HISTOGRAM', field: 't', fixedInterval: '1x' }],
        () => fields.t,
      ),
    ).toThrow(/fixedInterval must look like/);
  });
});
