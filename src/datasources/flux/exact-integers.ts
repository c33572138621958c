/**
 * Exact integers beyond 2^53 after the engine's own `JSON.parse`.
 *
 * Why: lossless-json (and any `JSON.parse` reviver, which V8 runs per value) costs ~7× native
 * parsing, and a job listing is one JSON document per job. So job payloads are parsed by V8, and
 * only the values that came out as unsafe integers (|n| > 2^53: job ids) get their exact digits
 * back from the source text. This is not a parser: it never decides what is JSON. It only looks up
 * digit runs in the text, and gives up (the caller then parses with lossless-json) whenever the
 * lookup is not certain.
 */

/**
 * A digit run of 16+ digits not inside a fraction or exponent, with the character after it when
 * that makes it the start of a real (`.`, `e`, `E`).
 */
const LONG_RUN = /(?<![\d.eE+-])-?\d{16,}[.eE]?/g;

/**
 * An exponent. Reals beyond 2^53 (`1e20`, or 16+ digits before a point) come out of `JSON.parse`
 * as integral numbers, so texts that may hold one are left to lossless-json.
 */
const EXPONENT = /\d[eE][-+]?\d/;

/** Where a parsed unsafe integer sits, so it can be replaced by its bigint. */
interface UnsafeSlot {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  value: number;
}

function collectUnsafe(value: unknown, slots: UnsafeSlot[]): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'number') {
        if (Number.isInteger(v) && !Number.isSafeInteger(v)) slots.push({ holder: value, key: i, value: v });
      } else collectUnsafe(v, slots);
    }
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const v = record[key];
    if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v)) slots.push({ holder: record, key, value: v });
    } else collectUnsafe(v, slots);
  }
}

/**
 * Maps each unsafe-integer value to the one digit run of the text that rounds to it; `null` marks
 * a value two different runs round to (ambiguous). Undefined when a run starts a real.
 */
function integerRuns(text: string): Map<number, string | null> | undefined {
  const runs = new Map<number, string | null>();
  LONG_RUN.lastIndex = 0;
  for (let match = LONG_RUN.exec(text); match !== null; match = LONG_RUN.exec(text)) {
    const digits = match[0];
    const last = digits.charCodeAt(digits.length - 1);
    if (last < 48 || last > 57) return undefined;
    const n = Number(digits);
    if (Number.isSafeInteger(n)) continue;
    const seen = runs.get(n);
    if (seen === undefined) runs.set(n, digits);
    else if (seen !== digits) runs.set(n, null);
  }
  return runs;
}

/**
 * Where the broker puts a job id first (jansson keeps insertion order): a streamed job-list reply,
 * a job-info.lookup reply, a job-list.list-id reply. Text starting with one of these prefixes has
 * the id's literal right after it, at a position no string can cover.
 */
const JOBS_PREFIX = '{"jobs":[{"id":';
const ID_PREFIX = '{"id":';
const JOB_PREFIX = '{"job":{"id":';

/** Where the leading id's literal starts (after one of the prefixes), or -1 for other texts. */
function leadingIdStart(text: string): number {
  if (text.startsWith(ID_PREFIX)) return ID_PREFIX.length;
  if (text.startsWith(JOBS_PREFIX)) return JOBS_PREFIX.length;
  if (text.startsWith(JOB_PREFIX)) return JOB_PREFIX.length;
  return -1;
}

/** Where the leading id's literal that starts at `start` ends (its sign and digits). */
function literalEnd(text: string, start: number): number {
  let end = text.charCodeAt(start) === 45 ? start + 1 : start;
  while (isDigit(text.charCodeAt(end))) end++;
  return end;
}

/** The object holding the leading id that starts at `start` (see {@link leadingIdStart}), as parsed. */
function leadingIdHolder(parsed: unknown, start: number): unknown {
  // A later duplicate key may have replaced `jobs` or `job` by anything, null included.
  if (start === ID_PREFIX.length) return parsed;
  if (start === JOBS_PREFIX.length) return (parsed as { jobs?: unknown[] | null }).jobs?.[0];
  return (parsed as { job?: unknown } | null)?.job;
}

/**
 * Whether a `"id"` token appears at or after `from`. Looks for `id"` and checks the quote before:
 * `indexOf('"id"')` stops at every quote of a JSON text and cost 1.2 µs per lookup reply, this 0.3.
 */
function hasIdTokenAfter(text: string, from: number): boolean {
  for (let at = text.indexOf('id"', from); at !== -1; at = text.indexOf('id"', at + 3))
    if (at > from && text.charCodeAt(at - 1) === 34) return true;
  return false;
}

/**
 * Whether a key at or after `from` may spell `id` through an escape (`"i\u0064"`, `"\u0069d"`):
 * `JSON.parse` reads it as a duplicate `id` (the last one wins) that {@link hasIdTokenAfter} does
 * not see. Both escapes hold `u006` (hex digits without letters: no other spelling); ~0.15 µs.
 */
function mayHaveEscapedId(text: string, from: number): boolean {
  return text.includes('u006', from);
}

/**
 * Gives `holder` (the object holding the leading id) the bigint of the literal at `[start, end)`
 * when that literal is certainly the parsed `value`: it is followed by `,` or `}`, no `"id"` key
 * comes after it (plain or escaped: no duplicate replaced it), and it rounds to `value`.
 */
function restoreIdAt(
  holder: Record<string, unknown>,
  text: string,
  start: number,
  end: number,
  value: number,
): boolean {
  const c = text.charCodeAt(end);
  if ((c !== 44 && c !== 125) || hasIdTokenAfter(text, end) || mayHaveEscapedId(text, end)) return false;
  const digits = text.slice(start, end);
  if (Number(digits) !== value) return false;
  holder.id = BigInt(digits);
  return true;
}

/** The common case without a scan: the one unsafe integer is the leading id (see {@link restoreIdAt}). */
function restoreLeadingId(parsed: unknown, text: string, slot: UnsafeSlot): boolean {
  if (slot.key !== 'id') return false;
  const start = leadingIdStart(text);
  if (start < 0 || leadingIdHolder(parsed, start) !== slot.holder) return false;
  return restoreIdAt(slot.holder as Record<string, unknown>, text, start, literalEnd(text, start), slot.value);
}

/** Digits an integer literal needs to be beyond 2^53 (9,007,199,254,740,992 has 16). */
const UNSAFE_DIGITS = 16;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Whether `text` holds a run of {@link UNSAFE_DIGITS}+ digits at or after `from` (anywhere:
 * numbers, strings, keys). Probes every 16th character only: any such run covers one probe, and a
 * probe on a digit is checked against its run. A regular expression (`/\d{16}/`) cost ~3.7 ns per
 * character, 2.6 µs per eventlog; this ~0.3 µs.
 */
export function hasLongDigitRun(text: string, from = 0): boolean {
  const n = text.length;
  for (let i = from + UNSAFE_DIGITS - 1; i < n; i += UNSAFE_DIGITS) {
    if (!isDigit(text.charCodeAt(i))) continue;
    let hi = i + 1;
    while (hi < n && isDigit(text.charCodeAt(hi))) hi++;
    // The run ending at `hi` is long when the 16 characters before `hi` are digits: its first one
    // is tried first (not a digit for the usual short run), then the ones down from the probe.
    const lo = hi - UNSAFE_DIGITS;
    if (lo >= from && isDigit(text.charCodeAt(lo))) {
      let k = i - 1;
      while (k > lo && isDigit(text.charCodeAt(k))) k--;
      if (k <= lo) return true;
    }
    // The next run starts after `hi` (not a digit): its 16th character is at hi + 16 or later.
    i = hi;
  }
  return false;
}

/**
 * The cheapest case: no run of 16+ digits in the text but the leading id's literal. Every other
 * number came out of `JSON.parse` exact (integers of 15 digits or fewer are within 2^53; reals are
 * numbers on both paths), so only the leading id may need its bigint. Undefined when the text has
 * another long run (the walk below decides then).
 */
function restoreWithoutScan(parsed: unknown, text: string): boolean | undefined {
  const start = leadingIdStart(text);
  const end = start < 0 ? 0 : literalEnd(text, start);
  if (hasLongDigitRun(text, end)) return undefined;
  if (start < 0) return true;
  const holder = leadingIdHolder(parsed, start);
  if (holder === null || typeof holder !== 'object') return true;
  const value = (holder as Record<string, unknown>).id;
  if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value)) return true;
  return restoreIdAt(holder as Record<string, unknown>, text, start, end, value) || undefined;
}

/**
 * Replaces, in `parsed` (the result of `JSON.parse(text)`), every integer beyond ±2^53 by the
 * exact bigint its literal in `text` spells. Returns false, leaving `parsed` possibly partly
 * converted, when that is not certain: the text has a real literal that may be that large
 * (`1e20`, `9007199254740993.0`), no literal is found, or two different ones round to the value.
 */
export function restoreExactIntegers(parsed: unknown, text: string): boolean {
  const quick = restoreWithoutScan(parsed, text);
  if (quick !== undefined) return quick;
  const slots: UnsafeSlot[] = [];
  collectUnsafe(parsed, slots);
  if (slots.length === 0) return true;
  if (slots.length === 1 && restoreLeadingId(parsed, text, slots[0] as UnsafeSlot)) return true;
  if (EXPONENT.test(text)) return false;
  const runs = integerRuns(text);
  if (runs === undefined) return false;
  for (const slot of slots) {
    const digits = runs.get(slot.value);
    if (digits === undefined || digits === null) return false;
    (slot.holder as Record<string | number, unknown>)[slot.key] = BigInt(digits);
  }
  return true;
}
