import { BadUserInputError } from '../../errors';

/** Units of `fixed_interval` in ms (ES: ms, s, m, h, d; no calendar units). */
const FIXED_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The shortest length of each `calendar_interval`, ms: used to bound the number of buckets
 * from above, so a month counts as 28 days and a year as 365.
 */
const CALENDAR_MIN_MS: Record<string, number> = {
  minute: 60_000,
  '1m': 60_000,
  hour: 3_600_000,
  '1h': 3_600_000,
  day: 86_400_000,
  '1d': 86_400_000,
  week: 604_800_000,
  '1w': 604_800_000,
  month: 28 * 86_400_000,
  '1M': 28 * 86_400_000,
  quarter: 89 * 86_400_000,
  '1q': 89 * 86_400_000,
  year: 365 * 86_400_000,
  '1y': 365 * 86_400_000,
};

/** The most buckets one date histogram may produce (contract §4). */
export const MAX_HISTOGRAM_BUCKETS = 10_000;

/**
 * Checks a date histogram's interval (exactly one of fixed and calendar; `fixed_interval`
 * matching `^[1-9][0-9]*(ms|s|m|h|d)$`; `calendar_interval` a single unit) and returns its
 * (shortest) length in ms. Throws `BAD_USER_INPUT` naming the aggregation otherwise.
 */
export function intervalLengthMs(
  name: string,
  fixedInterval: string | undefined,
  calendarInterval: string | undefined,
): number {
  if ((fixedInterval === undefined) === (calendarInterval === undefined)) {
    throw new BadUserInputError(`aggregation "${name}": give exactly one of fixedInterval and calendarInterval`, {
      aggregation: name,
    });
  }
  if (fixedInterval !== undefined) {
    const match = /^([1-9][0-9]*)(ms|s|m|h|d)$/.exec(fixedInterval);
    const unit = match?.[2];
    if (!match || unit === undefined) {
      throw new BadUserInputError(
        `aggregation "${name}": fixedInterval "${fixedInterval}" must match ^[1-9][0-9]*(ms|s|m|h|d)$`,
        { aggregation: name },
      );
    }
    return Number(match[1]) * (FIXED_UNITS_MS[unit] ?? 1);
  }
  const length = CALENDAR_MIN_MS[calendarInterval ?? ''];
  if (length === undefined) {
    throw new BadUserInputError(
      `aggregation "${name}": calendarInterval "${calendarInterval}" must be one of ${Object.keys(CALENDAR_MIN_MS).join('|')}`,
      { aggregation: name },
    );
  }
  return length;
}

/** Throws `BAD_USER_INPUT` when [fromMs, toMs] cut in `intervalMs` steps gives more than {@link MAX_HISTOGRAM_BUCKETS} buckets. */
export function checkBucketCount(name: string, fromMs: number, toMs: number, intervalMs: number): void {
  const buckets = Math.floor(toMs / intervalMs) - Math.floor(fromMs / intervalMs) + 1;
  if (buckets > MAX_HISTOGRAM_BUCKETS) {
    throw new BadUserInputError(
      `aggregation "${name}" would produce about ${buckets} buckets, over the limit of ${MAX_HISTOGRAM_BUCKETS}; use a longer interval or a shorter window`,
      { aggregation: name, buckets, max: MAX_HISTOGRAM_BUCKETS },
    );
  }
}
