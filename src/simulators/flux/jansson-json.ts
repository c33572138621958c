import { formatReal } from '../../datasources/flux/json-real';
import { cachedMembers, SHORT_ESCAPES, SHORT_STRING, writeJson } from './json-writer';
import type { JsonStyle, RealRule } from './json-writer';

/** No key forces a real. */
export const NO_REAL_KEYS: ReadonlySet<string> = new Set();

const janssonReal = (x: number): string => formatReal(x, 'jansson');

/** The body of `janssonString(janssonString(s))`: a literal as it reads inside another literal. */
const escapedString = (s: string): string => {
  const literal = janssonString(s);
  return isPlain(literal, 1, literal.length - 1)
    ? `\\"${literal.slice(1, -1)}\\"`
    : janssonString(literal).slice(1, -1);
};

/** jansson's compact style (`json_dumps(JSON_COMPACT)`). */
const JANSSON_STYLE: JsonStyle = {
  itemSeparator: ',',
  member: cachedMembers((k) => `${janssonString(k)}:`),
  string: janssonString,
  real: janssonReal,
};

/** {@link JANSSON_STYLE}'s text as escaped inside a jansson string literal; only literals change. */
const JANSSON_ESCAPED_STYLE: JsonStyle = {
  itemSeparator: ',',
  member: cachedMembers((k) => `${escapedString(k)}:`),
  string: escapedString,
  real: janssonReal,
};

/**
 * JSON text exactly as the broker writes it (jansson `json_dumps(JSON_COMPACT)`): compact,
 * insertion order, raw UTF-8, `/` unescaped, control characters as `\uXXXX` (upper-case hex),
 * reals as `%.17g` with trailing zeros dropped, always with a `.` or an exponent, the
 * exponent without `+` or leading zeros (`0.0`, `600.0`, `1795361589.7910175`, `1e18`).
 *
 * JavaScript has one number type, so which integral numbers are reals is said by key:
 * a number the `reals` rule names is written as a real, any other integral number as an
 * integer; non-integral numbers are always reals. `bigint` is always an integer. `key` is the
 * member key `value` sits under, when it matters to `reals` (default none).
 */
export function janssonDump(value: unknown, reals: RealRule = NO_REAL_KEYS, key?: string): string {
  return writeJson(value, JANSSON_STYLE, reals, key);
}

/**
 * `janssonString(janssonDump(value, reals, key))` without its two quotes, written in one pass:
 * jansson's escaping goes character by character, and outside its string literals a dump holds
 * no character to escape, so only the literals are escaped twice. For JSON text stored inside
 * a string (the eventlog's lines in a lookup reply).
 */
export function janssonDumpEscaped(value: unknown, reals: RealRule = NO_REAL_KEYS, key?: string): string {
  return writeJson(value, JANSSON_ESCAPED_STYLE, reals, key);
}

/** Whether `s[from, to)` holds no character jansson escapes. */
function isPlain(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

// eslint-disable-next-line no-control-regex
const ESCAPES = /["\\\u0000-\u001f]/g;

/**
 * A JSON string literal as jansson writes it. `JSON.stringify` writes the same bytes unless it
 * needed a `\u` escape (a control character without a short form: jansson's hex is upper-case;
 * a lone surrogate: jansson leaves it raw), which the slow path then writes one by one.
 */
export function janssonString(s: string): string {
  if (s.length < SHORT_STRING && isPlain(s, 0, s.length)) return `"${s}"`;
  const quoted = JSON.stringify(s);
  if (!quoted.includes('\\u')) return quoted;
  return `"${s.replace(ESCAPES, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}
