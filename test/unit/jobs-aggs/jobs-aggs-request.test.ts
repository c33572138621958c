import { buildGroupBody, groupKeyOf } from '../../../src/datasources/jobs-aggs/jobs-aggs-request';
import { toWireAggregation } from '../../../src/datasources/jobs-aggs/jobs-aggs-wire-aggregation';
import { JOBS_AGGS_FIELD_TYPES } from '../../../src/datasources/jobs-aggs/jobs-aggs-fields';
import { errorDetailOf } from '../../../src/datasources/jobs-aggs/jobs-aggs-error-body';
import { rateLimitResetAt } from '../../../src/datasources/jobs-aggs/jobs-aggs-errors';

const now = Date.UTC(2025, 2, 7, 9, 30, 0, 250);
const window = { fromMs: now - 86_400_000, toMs: now };

describe('jobs/aggs request body', () => {
  it('rounds the window outward to whole seconds, defaults to 90 days, sorts and dedupes lists', () => {
    const body = buildGroupBody(
      { from: Date.UTC(2025, 0, 1, 0, 0, 0, 900), to: now, appTypes: ['kubernetes', 'ec2', 'ec2'], domains: [] },
      'atr',
      now,
    );
    expect(body).toEqual({
      application: 'atr',
      app_type: ['ec2', 'kubernetes'],
      start_time: '2025-01-01T00:00:00Z',
      end_time: '2025-03-07T09:30:01Z',
      includes_eu: false,
    });
    expect(buildGroupBody({}, 'klewer', Date.UTC(2025, 2, 7, 9, 30))).toMatchObject({
      application: 'klewer',
      start_time: '2024-12-07T09:30:00Z',
      end_time: '2025-03-07T09:30:00Z',
    });
  });

  it('gives equal filters written differently one group key', () => {
    const a = buildGroupBody({ to: now, appTypes: ['b', 'a'], includesEu: false }, 'atr', now);
    const b = buildGroupBody({ appTypes: ['a', 'b', 'a'] }, 'atr', now);
    expect(groupKeyOf(a)).toBe(groupKeyOf(b));
    expect(groupKeyOf(buildGroupBody({ includesEu: true }, 'atr', now))).not.toBe(groupKeyOf(b));
  });

  it('rejects filter fields the API cannot express and reversed windows', () => {
    expect(() => buildGroupBody({ states: ['RUN'], queues: ['q'] }, 'atr', now)).toThrow(
      'filter field(s) states, queues are not supported by source JOBS_API',
    );
    expect(() => buildGroupBody({ from: now, to: now - 1000 }, 'atr', now)).toThrow(/is after filter\.to/);
  });
});

describe('jobs/aggs wire aggregations', () => {
  it('builds the three documented shapes and nothing else', () => {
    expect(
      toWireAggregation({ name: 't', kind: 'TERMS', field: 'job.state', size: 20 }, JOBS_AGGS_FIELD_TYPES, window),
    ).toEqual({ terms: { field: 'job.state', size: 20 } });
    expect(
      toWireAggregation(
        { name: 'f', kind: 'FILTER', field: 'job.state', value: 'FAILED' },
        JOBS_AGGS_FIELD_TYPES,
        window,
      ),
    ).toEqual({ filter: { term: { 'job.state': 'FAILED' } } });
    expect(
      toWireAggregation(
        {
          name: 'h',
          kind: 'DATE_HISTOGRAM',
          field: '@timestamp',
          calendarInterval: 'week',
          minDocCount: 0,
          extendedBounds: { min: 1, max: 2.5 },
        },
        JOBS_AGGS_FIELD_TYPES,
        window,
      ),
    ).toEqual({
      date_histogram: {
        field: '@timestamp',
        calendar_interval: 'week',
        min_doc_count: 0,
        extended_bounds: { min: 1, max: 2 },
      },
    });
  });

  it.each([
    [
      { name: 'm', kind: 'METRIC', field: 'job.nnodes', op: 'AVG' },
      'aggregation kind METRIC is not supported by source JOBS_API (supported: TERMS, DATE_HISTOGRAM, FILTER)',
    ],
    [{ name: 't', kind: 'TERMS', field: 'job.state', size: 1001 }, 'terms size must be an integer from 1 to 1000'],
    [{ name: 't', kind: 'TERMS', field: 'job.name', size: 5 }, 'field "job.name" cannot be used with TERMS'],
    [
      { name: 'h', kind: 'DATE_HISTOGRAM', field: '@timestamp', fixedInterval: '1w' },
      'must match ^[1-9][0-9]*(ms|s|m|h|d)$',
    ],
    [
      { name: 'h', kind: 'DATE_HISTOGRAM', field: '@timestamp', calendarInterval: '2d' },
      'calendarInterval "2d" must be one of',
    ],
    [
      { name: 'h', kind: 'DATE_HISTOGRAM', field: '@timestamp', fixedInterval: '1d', calendarInterval: 'day' },
      'exactly one of fixedInterval and calendarInterval',
    ],
    [
      {
        name: 'h',
        kind: 'DATE_HISTOGRAM',
        field: '@timestamp',
        fixedInterval: '1m',
        extendedBounds: { min: 0, max: now },
      },
      'over the limit of 10000',
    ],
  ])('rejects %j', (spec, message) => {
    expect(() => toWireAggregation(spec as never, JOBS_AGGS_FIELD_TYPES, window)).toThrow(message);
  });
});

describe('jobs/aggs error bodies', () => {
  it.each([
    ['{"status_code": 400, "detail": "Invalid application type"}', 'Invalid application type'],
    ['{"statusCode": 429, "body": {"error": "Rate limit exceeded"}}', 'Rate limit exceeded'],
    ['{"error": "invalid_client", "error_description": "bad secret"}', 'bad secret'],
    ['{"error": "invalid_client"}', 'invalid_client'],
    ['{"message": "Unauthorized"}', 'Unauthorized'],
    ['<html>Bad Gateway</html>', '<html>Bad Gateway</html>'],
    ['{}', 'Reason Phrase'],
    ['', 'Reason Phrase'],
  ])('takes the detail of %s', (text, detail) => {
    expect(errorDetailOf(text, 'Reason Phrase')).toBe(detail);
  });

  it('trims details to 500 characters', () => {
    expect(errorDetailOf(JSON.stringify({ detail: 'x'.repeat(900) }), '')).toHaveLength(500);
  });

  it('reads Retry-After as seconds or an HTTP date, else waits for midnight UTC', () => {
    const t = Date.UTC(2025, 2, 7, 23, 0);
    expect(rateLimitResetAt(new Headers({ 'retry-after': '120' }), t)).toBe(t + 120_000);
    expect(rateLimitResetAt(new Headers({ 'retry-after': 'Fri, 07 Mar 2025 23:30:00 GMT' }), t)).toBe(
      Date.UTC(2025, 2, 7, 23, 30),
    );
    expect(rateLimitResetAt(new Headers(), t)).toBe(Date.UTC(2025, 2, 8));
  });
});
