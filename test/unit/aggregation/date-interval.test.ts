import {
  CALENDAR_INTERVAL_NAMES,
  calendarFloor,
  calendarNext,
  calendarUnit,
  dateBucketing,
  dateBucketKeys,
  fixedIntervalMs,
} from '../../../src/datasources/aggregation/date-interval';

const at = (iso: string): number => Date.parse(iso);

test('fixed intervals: a positive count of ms, s, m, h or d', () => {
  expect(fixedIntervalMs('90m')).toBe(5_400_000);
  expect(fixedIntervalMs('7d')).toBe(7 * 86_400_000);
  expect(fixedIntervalMs('250ms')).toBe(250);
  for (const bad of ['0d', '1w', '1M', 'd', '01d', '1.5h', ' 1d', '1d '])
    expect([bad, fixedIntervalMs(bad)]).toEqual([bad, undefined]);
});

test('calendar intervals: one unit, by name or 1<unit>; nothing from the object prototype', () => {
  expect(calendarUnit('1M')).toBe('month');
  expect(calendarUnit('1m')).toBe('minute');
  expect(calendarUnit('quarter')).toBe('quarter');
  for (const bad of ['2d', 'months', 'constructor', 'toString', '__proto__', ''])
    expect([bad, calendarUnit(bad)]).toEqual([bad, undefined]);
  expect(CALENDAR_INTERVAL_NAMES).toHaveLength(14);
});

test('calendar buckets start where Elasticsearch starts them (UTC, weeks on Monday)', () => {
  const t = at('2026-12-06T17:42:13.500Z'); // a Sunday
  expect(new Date(calendarFloor(t, 'minute')).toISOString()).toBe('2026-12-06T17:42:00.000Z');
  expect(new Date(calendarFloor(t, 'hour')).toISOString()).toBe('2026-12-06T17:00:00.000Z');
  expect(new Date(calendarFloor(t, 'day')).toISOString()).toBe('2026-12-06T00:00:00.000Z');
  expect(new Date(calendarFloor(t, 'week')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  expect(new Date(calendarFloor(at('2026-11-30T00:00:00Z'), 'week')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
  expect(new Date(calendarFloor(t, 'month')).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  expect(new Date(calendarFloor(t, 'quarter')).toISOString()).toBe('2026-10-01T00:00:00.000Z');
  expect(new Date(calendarFloor(t, 'year')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  expect(new Date(calendarNext(at('2024-01-01T00:00:00Z'), 'month')).toISOString()).toBe('2024-02-01T00:00:00.000Z');
  expect(new Date(calendarNext(at('2024-11-01T00:00:00Z'), 'quarter')).toISOString()).toBe('2025-02-01T00:00:00.000Z');
  expect(calendarNext(at('2024-03-04T00:00:00Z'), 'week') - at('2024-03-04T00:00:00Z')).toBe(7 * 86_400_000);
});

test('fixed buckets count from the Unix epoch (7d buckets start on Thursdays)', () => {
  const { floor } = dateBucketing({ fixedMs: 7 * 86_400_000 });
  expect(new Date(floor(at('2026-12-06T17:00:00Z'))).toISOString()).toBe('2026-12-03T00:00:00.000Z');
});

test('the bucket walk covers first to last end, empty buckets included, in order', () => {
  const months = dateBucketing({ calendar: 'month' });
  const ends = [at('2024-04-01T00:00:00Z'), at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z')];
  expect([...dateBucketKeys(ends, months)].map((k) => new Date(k).toISOString().slice(0, 7))).toEqual([
    '2024-01',
    '2024-02',
    '2024-03',
    '2024-04',
  ]);
  expect([...dateBucketKeys([], months)]).toEqual([]);
});
