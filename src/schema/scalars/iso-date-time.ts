const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** 0000-01-01T00:00:00.000Z and 10000-01-01T00:00:00.000Z: the years `toISOString` writes with four digits. */
const FIRST_MS = -62_167_219_200_000;
const END_MS = 253_402_300_800_000;
/** Day prefixes kept; a response's timestamps span few days. */
const MAX_DAYS = 4096;
const ZERO = 48;

/** The character codes of each day's `2026-12-06T`, by day number since the epoch. */
const dayPrefixes = new Map<number, readonly number[]>();

/** The last instant formatted and its text (NaN: none; a call that throws leaves them as they were). */
let lastMs = Number.NaN;
let lastText = '';
/** The last day {@link dayPrefix} answered (a page's timestamps mostly fall on a few days). */
let lastDay = Number.NaN;
let lastPrefix: readonly number[] = [];

function dayPrefix(day: number): readonly number[] {
  if (day === lastDay) return lastPrefix;
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    if (dayPrefixes.size >= MAX_DAYS) dayPrefixes.clear();
    const text = new Date(day * DAY_MS).toISOString();
    prefix = Array.from({ length: 11 }, (_, i) => text.charCodeAt(i));
    dayPrefixes.set(day, prefix);
  }
  lastDay = day;
  lastPrefix = prefix;
  return prefix;
}

/**
 * `new Date(ms).toISOString()`, the same string (`2026-11-29T23:12:05.123Z`), without a `Date` and
 * its formatting per call: the day's characters are cached, the time of day is computed, and the
 * string is made in one piece (`String.fromCharCode`: a flat string; one concatenated from parts is a
 * tree of pieces that `JSON.stringify` must flatten, which measured slower in a real response).
 * Measured with JSON.stringify of fresh objects, about 0.35× of toISOString's time
 * (docs/performance.md: the DateTime scalar serializes every eventlog timestamp of a page). Years
 * outside 0000–9999, fractions and invalid times go to toISOString (its `+275760-…` form, its
 * truncation, its RangeError).
 */
export function formatIsoDateTime(ms: number): string {
  // A job's events often share their instant (exception and clean, release/free/clean: 29 % of a page's
  // timestamps repeat the one before): the last text is answered again (0.83× per call, docs/performance.md).
  if (ms === lastMs) return lastText;
  const text = format(ms);
  lastMs = ms;
  lastText = text;
  return text;
}

function format(ms: number): string {
  if (!(ms >= FIRST_MS && ms < END_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / HOUR_MS);
  rest -= hours * HOUR_MS;
  const minutes = Math.floor(rest / MINUTE_MS);
  rest -= minutes * MINUTE_MS;
  const seconds = Math.floor(rest / 1000);
  rest -= seconds * 1000;
  const p = dayPrefix(day);
  return String.fromCharCode(
    p[0] as number,
    p[1] as number,
    p[2] as number,
    p[3] as number,
    p[4] as number,
    p[5] as number,
    p[6] as number,
    p[7] as number,
    p[8] as number,
    p[9] as number,
    p[10] as number,
    ZERO + Math.floor(hours / 10),
    ZERO + (hours % 10),
    58, // :
    ZERO + Math.floor(minutes / 10),
    ZERO + (minutes % 10),
    58,
    ZERO + Math.floor(seconds / 10),
    ZERO + (seconds % 10),
    46, // .
    ZERO + Math.floor(rest / 100),
    ZERO + (Math.floor(rest / 10) % 10),
    ZERO + (rest % 10),
    90, // Z
  );
}
