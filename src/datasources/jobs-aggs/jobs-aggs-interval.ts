import { BadUserInputError } from '../../errors';
import {
  CALENDAR_INTERVAL_NAMES,
  calendarUnit,
  CALENDAR_UNIT_MIN_MS,
  fixedIntervalMs,
} from '../aggregation/date-interval';

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
    const ms = fixedIntervalMs(fixedInterval);
    if (ms === undefined) {
      throw new BadUserInputError(
        `aggregation "${name}": fixedInterval "${fixedInterval}" must match ^[1-9][0-9]*(ms|s|m|h|d)$`,
        { aggregation: name },
      );
    }
    return ms;
  }
  const unit = calendarUnit(calendarInterval ?? '');
  if (unit === undefined) {
    throw new BadUserInputError(
      `aggregation "${name}": calendarInterval "${calendarInterval}" must be one of ${CALENDAR_INTERVAL_NAMES.join('|')}`,
      { aggregation: name },
    );
  }
  return CALENDAR_UNIT_MIN_MS[unit];
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
