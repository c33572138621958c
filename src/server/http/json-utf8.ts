/** Scratch kept between answers (grown for a larger one, dropped back after one above {@link KEEP_BYTES}). */
const FIRST_BYTES = 1 << 20;
const KEEP_BYTES = 1 << 23;
/** Objects and arrays open at once beyond which the answer is left to `JSON.stringify` (its own stack limit, its errors). */
const MAX_DEPTH = 200;
const HEX = '0123456789abcdef';
const NULL = [110, 117, 108, 108];
const TRUE = [116, 114, 117, 101];
const FALSE = [102, 97, 108, 115, 101];
/**
 * Strings at least this long with nothing to escape are written by `Buffer.write` (native UTF-8);
 * shorter ones by the loop below, which measured as fast or faster up to ~64 characters and 1.2× slower
 * at 128 (a page's strings are almost all shorter than 64: ids, names, timestamps, paths).
 */
export const LONG_STRING = 128;
/** A character `JSON.stringify` escapes (control, `"`, `\`) or a surrogate (a lone one is escaped). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;
/** The escape after `\` of the control characters with a short one (\b \t \n \f \r); 0: `\u00XX`. */
const SHORT_ESCAPES = new Uint8Array(32);
SHORT_ESCAPES.set([98, 116, 110, 0, 102, 114], 8);

/** `JSON.isRawJSON` (Node 22+; not in TypeScript's lib yet). */
const isRawJson = (JSON as { isRawJSON?: (value: unknown) => boolean }).isRawJSON ?? ((): boolean => false);

/** A value the writer leaves to `JSON.stringify` (thrown inside the writer, caught at its top). */
class LeftToStringify extends Error {}
const LEFT = new LeftToStringify();

let out = Buffer.allocUnsafeSlow(FIRST_BYTES);
let at = 0;
let busy = false;

function room(bytes: number): void {
  if (at + bytes <= out.length) return;
  const grown = Buffer.allocUnsafeSlow(Math.max(out.length * 2, at + bytes));
  out.copy(grown, 0, 0, at);
  out = grown;
}

function writeCodes(codes: readonly number[]): void {
  room(codes.length);
  for (const code of codes) out[at++] = code;
}

function writeAscii(text: string): void {
  room(text.length);
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
}

/** An integer of at most 10 digits (|n| <= 2^31), as `String(n)` writes it (-0 as `0`). */
function writeInt(n: number): void {
  room(11);
  if (n < 0) {
    out[at++] = 45;
    n = -n;
  }
  // prettier-ignore
  const digits = n < 10 ? 1 : n < 100 ? 2 : n < 1e3 ? 3 : n < 1e4 ? 4 : n < 1e5 ? 5 : n < 1e6 ? 6 : n < 1e7 ? 7 : n < 1e8 ? 8 : n < 1e9 ? 9 : 10;
  let p = at + digits;
  at = p;
  do {
    const q = (n / 10) | 0;
    out[--p] = 48 + n - q * 10;
    n = q;
  } while (n !== 0);
}

/**
 * A member's `"key":` (after a comma when `comma`): keys are nearly always printable ASCII, written by
 * the short loop; any other key by {@link writeString}. One `room` for the comma, the key and the colon.
 */
function writeKey(key: string, comma: boolean): void {
  const length = key.length;
  room(length * 6 + 4);
  const bytes = out;
  let p = at;
  if (comma) bytes[p++] = 44;
  const start = p;
  bytes[p++] = 34;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) bytes[p++] = c;
    else {
      at = start;
      writeString(key);
      room(1);
      out[at++] = 58;
      return;
    }
  }
  bytes[p++] = 34;
  bytes[p++] = 58;
  at = p;
}

function writeEscape(code: number): void {
  out[at++] = 92;
  // A quote or backslash as itself after the backslash; a control by its short escape or \u00xx; a lone surrogate \udxxx.
  const short = code < 32 ? (SHORT_ESCAPES[code] as number) : code < 0x80 ? code : 0;
  if (short !== 0) {
    out[at++] = short;
    return;
  }
  out[at++] = 117;
  out[at++] = HEX.charCodeAt(code >> 12);
  out[at++] = HEX.charCodeAt((code >> 8) & 15);
  out[at++] = HEX.charCodeAt((code >> 4) & 15);
  out[at++] = HEX.charCodeAt(code & 15);
}

/**
 * `JSON.stringify(text)` as UTF-8: `"` and `\` escaped, control characters as `\b \t \n \f \r` or
 * `\u00xx`, a lone surrogate as `\udxxx` (well-formed JSON.stringify), a pair as its 4-byte sequence.
 */
function writeString(text: string): void {
  const length = text.length;
  if (length >= LONG_STRING && !NEEDS_ESCAPE.test(text)) {
    room(length * 3 + 2);
    out[at++] = 34;
    at += out.write(text, at, 'utf8');
    out[at++] = 34;
    return;
  }
  room(length * 6 + 2);
  const bytes = out;
  let p = at;
  bytes[p++] = 34;
  // The printable ASCII prefix (all of most strings) by a loop with one test per character.
  let i = 0;
  for (; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x80 && c !== 34 && c !== 92) bytes[p++] = c;
    else break;
  }
  if (i === length) {
    bytes[p++] = 34;
    at = p;
    return;
  }
  at = p;
  writeStringRest(text, i);
}

/** The rest of {@link writeString} from the first character at `from` that is not printable ASCII (room already made). */
function writeStringRest(text: string, from: number): void {
  const length = text.length;
  const bytes = out;
  let p = at;
  for (let i = from; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 34 && c !== 92) bytes[p++] = c;
      else {
        at = p;
        writeEscape(c);
        p = at;
      }
    } else if (c < 0x800) {
      bytes[p++] = 0xc0 | (c >> 6);
      bytes[p++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      bytes[p++] = 0xe0 | (c >> 12);
      bytes[p++] = 0x80 | ((c >> 6) & 63);
      bytes[p++] = 0x80 | (c & 63);
    } else {
      const next = i + 1 < length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const point = ((c - 0xd800) << 10) + (next - 0xdc00) + 0x10000;
        bytes[p++] = 0xf0 | (point >> 18);
        bytes[p++] = 0x80 | ((point >> 12) & 63);
        bytes[p++] = 0x80 | ((point >> 6) & 63);
        bytes[p++] = 0x80 | (point & 63);
        i++;
      } else {
        at = p;
        writeEscape(c);
        p = at;
      }
    }
  }
  bytes[p++] = 34;
  at = p;
}

/** Whether JSON.stringify would write `value` where it stands (not: undefined, a function, a symbol). */
function writable(value: unknown): boolean {
  if (typeof value !== 'function') return value !== undefined && typeof value !== 'symbol';
  // A function with a toJSON is serialized as what that answers: left to JSON.stringify.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') throw LEFT;
  return false;
}

/** `value` as JSON.stringify serializes a property's value named `key`: its `toJSON(key)` first. */
function writeValue(value: unknown, key: string, depth: number): void {
  writeJson(hasToJson(value) ? value.toJSON(key) : value, depth);
}

function hasToJson(value: unknown): value is { toJSON(key: string): unknown } {
  return value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** `value` (its toJSON already called) as JSON.stringify serializes it. */
function writeJson(value: unknown, depth: number): void {
  switch (typeof value) {
    case 'string':
      writeString(value);
      return;
    case 'number':
      if ((value | 0) === value) writeInt(value);
      else if (Number.isFinite(value)) writeAscii(String(value));
      else writeCodes(NULL);
      return;
    case 'boolean':
      writeCodes(value ? TRUE : FALSE);
      return;
    case 'object':
      if (value === null) writeCodes(NULL);
      else writeObject(value, depth + 1);
      return;
    default:
      // A bigint (JSON.stringify's TypeError), or undefined/function/symbol where no caller expects one.
      throw LEFT;
  }
}

function writeObject(value: object, depth: number): void {
  if (depth > MAX_DEPTH) throw LEFT;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Array.prototype && Array.isArray(value)) {
    room(1);
    out[at++] = 91;
    for (let i = 0; i < value.length; i++) {
      if (i > 0) {
        room(1);
        out[at++] = 44;
      }
      // toJSON first (with the index as its key, made only then), then what it answered as JSON.stringify does.
      const found: unknown = value[i];
      const item = hasToJson(found) ? found.toJSON(String(i)) : found;
      if (writable(item)) writeJson(item, depth);
      else writeCodes(NULL);
    }
    room(1);
    out[at++] = 93;
    return;
  }
  // Ordinary objects only (JSON.rawJSON's are null-prototype too: left to JSON.stringify).
  if ((proto !== Object.prototype && proto !== null) || (proto === null && isRawJson(value))) throw LEFT;
  const record = value as Record<string, unknown>;
  room(1);
  out[at++] = 123;
  let comma = false;
  for (const key in record) {
    const item = record[key];
    // A string member (most of an answer) straight to writeString; undefined/function/symbol skipped.
    const type = typeof item;
    if (type === 'string') {
      writeKey(key, comma);
      writeString(item as string);
    } else if (type === 'object' || type === 'number' || type === 'boolean' || writable(item)) {
      writeKey(key, comma);
      writeValue(item, key, depth);
    } else continue;
    comma = true;
  }
  room(1);
  out[at++] = 125;
}

/** Whether `for…in` over an ordinary object yields its own keys only and no object or array has an inherited `toJSON`. */
function prototypesArePlain(): boolean {
  for (const key in Object.prototype) if (key !== undefined) return false;
  return (
    (Object.prototype as { toJSON?: unknown }).toJSON === undefined &&
    (Array.prototype as { toJSON?: unknown }).toJSON === undefined
  );
}

/**
 * The UTF-8 bytes of `JSON.stringify(value)` (and a newline after them when `newline`), written
 * straight from `value` — no JSON text, so no two-byte string to encode (a page's job ids hold `ƒ`:
 * its text is ~1.4 MB of UTF-16 that the encoder must also flatten first; docs/performance.md). Written for what a GraphQL answer
 * holds: ordinary objects (`Object.prototype` or null prototype), arrays, strings, numbers, booleans,
 * null, and values with a `toJSON` (called with the property name, as JSON.stringify calls it).
 * Anything else — a bigint, a class instance, a boxed primitive, `JSON.rawJSON`, a cycle or nesting
 * deeper than {@link MAX_DEPTH}, a patched `Object.prototype` — answers undefined: the caller then
 * uses JSON.stringify, which makes the same text or throws its own error. Not reentrant: a call made
 * from inside a `toJSON` answers undefined as well.
 */
export function jsonUtf8(value: object, newline = false): Buffer | undefined {
  if (busy || !prototypesArePlain()) return undefined;
  busy = true;
  at = 0;
  try {
    writeValue(value, '', -1);
    if (newline) {
      room(1);
      out[at++] = 10;
    }
    const bytes = Buffer.allocUnsafe(at);
    out.copy(bytes, 0, 0, at);
    return bytes;
  } catch (error) {
    if (error === LEFT) return undefined;
    throw error;
  } finally {
    busy = false;
    if (out.length > KEEP_BYTES) out = Buffer.allocUnsafeSlow(FIRST_BYTES);
  }
}
