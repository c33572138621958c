/**
 * Date-histogram intervals as Elasticsearch reads them, and the UTC bucketing they imply. Pure
 * functions shared by every side that cuts time into buckets: the in-memory aggregation (FLUX,
 * SCIAGRAPH), the requests to Elasticsearch and the jobs/aggs API, and the jobs/aggs simulator
 * (listed in SIMULATOR_SHARED of eslint.config.mjs).
 */

/** A single calendar unit (Elasticsearch's `calendar_interval` accepts one unit only). */
export type CalendarUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const CALENDAR_INTERVALS: Readonly<Record<string, CalendarUnit>> = {
  minute: 'minute',
  '1m': 'minute',
  hour: 'hour',
  '1h': 'hour',
  day: 'day',
  '1d': 'day',
  week: 'week',
  '1w': 'week',
  month: 'month',
  '1M': 'month',
  quarter: 'quarter',
  '1q': 'quarter',
  year: 'year',
  '1y': 'year',
};

/** The `calendar_interval` texts Elasticsearch accepts, by unit name and by `1<unit>` (`month`, `1M`), for messages. */
export const CALENDAR_INTERVAL_NAMES: readonly string[] = Object.keys(CALENDAR_INTERVALS);

/** The unit of a `calendar_interval` text; undefined for anything else (`2d`, `constructor`). */
export function calendarUnit(text: string): CalendarUnit | undefined {
  return Object.hasOwn(CALENDAR_INTERVALS, text) ? CALENDAR_INTERVALS[text] : undefined;
}

const DAY_MS = 86_400_000;

/** The shortest length of each calendar unit, ms (a month 28 days, a quarter 90, a year 365): bounds bucket counts from above. */
export const CALENDAR_UNIT_MIN_MS: Readonly<Record<CalendarUnit, number>> = {
  minute: 60_000,
  hour: 3_600_000,
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 28 * DAY_MS,
  quarter: 90 * DAY_MS,
  year: 365 * DAY_MS,
};

const FIXED_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS };

/** What a `fixed_interval` must match: a positive count of ms, s, m, h or d (no calendar units). */
export const FIXED_INTERVAL_PATTERN = /^([1-9][0-9]*)(ms|s|m|h|d)$/;

/** The length of a `fixed_interval` (`90m`, `7d`) in ms; undefined when it does not match {@link FIXED_INTERVAL_PATTERN}. */
export function fixedIntervalMs(text: string): number | undefined {
  const match = FIXED_INTERVAL_PATTERN.exec(text);
  const unit = match?.[2];
  return match && unit !== undefined ? Number(match[1]) * (FIXED_UNITS_MS[unit] ?? 1) : undefined;
}

/** Start of the UTC calendar unit holding `t` (epoch ms; weeks start on Monday), as Elasticsearch buckets it. */
export function calendarFloor(t: number, unit: CalendarUnit): number {
  switch (unit) {
    case 'minute':
    case 'hour':
    case 'day':
      return Math.floor(t / CALENDAR_UNIT_MIN_MS[unit]) * CALENDAR_UNIT_MIN_MS[unit];
    case 'week': {
      const day = Math.floor(t / DAY_MS);
      return (day - ((day + 3) % 7)) * DAY_MS;
    }
    case 'month':
    case 'quarter':
    case 'year': {
      const d = new Date(t);
      const month = d.getUTCMonth();
      const first = unit === 'month' ? month : unit === 'quarter' ? month - (month % 3) : 0;
      return Date.UTC(d.getUTCFullYear(), first, 1);
    }
    default:
      throw new Error(`unreachable calendar unit ${String(unit)}`);
  }
}

/** The start of the calendar bucket after the one starting at `key`. */
export function calendarNext(key: number, unit: CalendarUnit): number {
  const months = { month: 1, quarter: 3, year: 12 }[unit as 'month' | 'quarter' | 'year'] as number | undefined;
  if (months === undefined) return key + CALENDAR_UNIT_MIN_MS[unit];
  const d = new Date(key);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

/** A date histogram's interval: a fixed length in ms or one calendar unit. */
export type DateInterval = { fixedMs: number } | { calendar: CalendarUnit };

/** How an interval cuts time: the bucket holding `t`, and the bucket after `key`. */
export interface DateBucketing {
  floor(t: number): number;
  next(key: number): number;
}

/** The bucketing of a fixed or calendar interval (fixed buckets counted from the Unix epoch, as Elasticsearch does). */
export function dateBucketing(interval: DateInterval): DateBucketing {
  if ('fixedMs' in interval) {
    const ms = interval.fixedMs;
    return { floor: (t) => Math.floor(t / ms) * ms, next: (key) => key + ms };
  }
  const unit = interval.calendar;
  return { floor: (t) => calendarFloor(t, unit), next: (key) => calendarNext(key, unit) };
}

/**
 * Every bucket key from the earliest to the latest of `ends` (bucket keys already floored), empty
 * ones included, in order: what a histogram with `min_doc_count: 0` and `extended_bounds` walks.
 * The caller counts what it yields against its own bucket limit.
 */
export function* dateBucketKeys(ends: readonly number[], bucketing: DateBucketing): Generator<number> {
  if (ends.length === 0) return;
  let first = ends[0] as number;
  let last = first;
  for (const end of ends) {
    first = Math.min(first, end);
    last = Math.max(last, end);
  }
  for (let key = first; key <= last; key = bucketing.next(key)) yield key;
}
