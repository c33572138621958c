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

/** The object holding the leading id, and where its literal starts; undefined for other texts. */
function leadingIdHolder(parsed: unknown, text: string): { holder: unknown; start: number } | undefined {
  if (text.startsWith(JOBS_PREFIX))
    return { holder: (parsed as { jobs: unknown[] }).jobs[0], start: JOBS_PREFIX.length };
  if (text.startsWith(ID_PREFIX)) return { holder: parsed, start: ID_PREFIX.length };
  if (text.startsWith(JOB_PREFIX)) return { holder: (parsed as { job: unknown }).job, start: JOB_PREFIX.length };
  return undefined;
}

/**
 * The common case without a scan: the one unsafe integer is the leading id, and no other `"id"`
 * token appears after it (so no duplicate key replaced it, whatever the spacing).
 */
function restoreLeadingId(parsed: unknown, text: string, slot: UnsafeSlot): boolean {
  if (slot.key !== 'id') return false;
  const leading = leadingIdHolder(parsed, text);
  if (!leading || leading.holder !== slot.holder) return false;
  const { start } = leading;
  let end = text.charCodeAt(start) === 45 ? start + 1 : start;
  let c = text.charCodeAt(end);
  while (c >= 48 && c <= 57) c = text.charCodeAt(++end);
  if ((c !== 44 && c !== 125) || text.indexOf('"id"', end) !== -1) return false;
  const digits = text.slice(start, end);
  if (Number(digits) !== slot.value) return false;
  (slot.holder as Record<string, unknown>).id = BigInt(digits);
  return true;
}

/**
 * Replaces, in `parsed` (the result of `JSON.parse(text)`), every integer beyond ±2^53 by the
 * exact bigint its literal in `text` spells. Returns false, leaving `parsed` possibly partly
 * converted, when that is not certain: the text has a real literal that may be that large
 * (`1e20`, `9007199254740993.0`), no literal is found, or two different ones round to the value.
 */
export function restoreExactIntegers(parsed: unknown, text: string): boolean {
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
