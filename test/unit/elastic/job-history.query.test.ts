import { jobHistoryQuery, jobHistorySort } from '../../../src/datasources/elastic/job-history.query';
import { decodeCursor, encodeCursor, queryDigest } from '../../../src/datasources/elastic/job-history.cursor';
import { elasticAggregationSearch } from '../../../src/datasources/elastic/elastic-aggregation.request';

test('sorts by the asked keys with the fixed-width hex id as the tiebreak', () => {
  expect(jobHistorySort([{ field: 'startedAt', order: 'asc' }])).toEqual([
    { startedAt: { order: 'asc', missing: 253402300799999 } },
    { 'ids.dothex': { order: 'asc' } },
  ]);
  expect(
    jobHistorySort([
      { field: 'id', order: 'desc' },
      { field: 'queue', order: 'asc' },
    ]),
  ).toEqual([{ 'ids.dothex': { order: 'desc' } }]);
  expect(jobHistorySort([])).toEqual([
    { submittedAt: { order: 'desc', missing: 0 } },
    { 'ids.dothex': { order: 'desc' } },
  ]);
});

test('filters go to bool.filter, name text to must, ids as dothex', () => {
  expect(jobHistoryQuery({})).toEqual({ match_all: {} });
  expect(jobHistoryQuery({ ids: [2n ** 64n - 1n], nameText: 'calib', submitted: { from: 5 } })).toEqual({
    bool: {
      filter: [
        { terms: { 'ids.dothex': ['ffff.ffff.ffff.ffff'] } },
        { range: { submittedAt: { gte: 5, format: 'epoch_millis' } } },
      ],
      must: [{ match: { 'name.text': { query: 'calib', operator: 'and' } } }],
    },
  });
  expect(() => jobHistoryQuery({ submitted: { from: 2, to: 1 } })).toThrow(/starts after it ends/);
});

test('cursors round-trip and refuse another query', () => {
  const digest = queryDigest({ ids: [1n] }, []);
  const text = encodeCursor({ v: 1, after: [1795305600612, 'ffff.ffff.ffff.ffff', null], query: digest });
  expect(decodeCursor(text, digest).after).toEqual([1795305600612, 'ffff.ffff.ffff.ffff', null]);
  expect(() => decodeCursor(text, queryDigest({ ids: [2n] }, []))).toThrow(/different filter/);
  expect(() => decodeCursor('garbage', digest)).toThrow(/not a jobHistory cursor/);
});

test('aggregation requests are validated and become one size-0 search', () => {
  const body = elasticAggregationSearch({ states: ['INACTIVE'] }, [
    { name: 'q', kind: 'TERMS', field: 'queue', size: 3 },
    { name: 'p', kind: 'METRIC', field: 'runtimeSeconds', op: 'PERCENTILES', percents: [50, 99] },
  ]);
  expect(body).toMatchObject({
    size: 0,
    track_total_hits: true,
    aggs: { q: { terms: { field: 'queue', size: 3 } }, p: { percentiles: { percents: [50, 99], keyed: false } } },
  });
  expect(() => elasticAggregationSearch({ application: 'x' }, [])).toThrow(/JOBS_API/);
  expect(() =>
    elasticAggregationSearch({}, [{ name: 'h', kind: 'DATE_HISTOGRAM', field: 'submittedAt', calendarInterval: '2d' }]),
  ).toThrow(/calendarInterval/);
  expect(() =>
    elasticAggregationSearch({}, [{ name: 'h', kind: 'DATE_HISTOGRAM', field: 'submittedAt', fixedInterval: '1M' }]),
  ).toThrow(/fixedInterval/);
  expect(() =>
    elasticAggregationSearch({}, [
      { name: 'a', kind: 'FILTER', field: 'x', value: 'y' },
      { name: 'a', kind: 'FILTER', field: 'x', value: 'y' },
    ]),
  ).toThrow();
});
