import { formatReal } from '../../datasources/flux/flux-real';
import { integralIsReal, SHORT_ESCAPES, writeJson } from './json-writer';
import type { RealRule } from './json-writer';

/**
 * JSON text exactly as the broker writes it (jansson `json_dumps(JSON_COMPACT)`): compact,
 * insertion order, raw UTF-8, `/` unescaped, control characters as `\uXXXX` (upper-case hex),
 * reals as `%.17g` with trailing zeros dropped, always with a `.` or an exponent, the
 * exponent without `+` or leading zeros (`0.0`, `600.0`, `1795361589.7910175`, `1e18`).
 *
 * JavaScript has one number type, so which integral numbers are reals is said by key:
 * a number the `reals` rule names is written as a real, any other integral number as an
 * integer; non-integral numbers are always reals. `bigint` is always an integer.
 */
export function janssonDump(value: unknown, reals: RealRule = NO_REAL_KEYS): string {
  return writeJson(value, {
    itemSeparator: ',',
    keySeparator: ':',
    string: janssonString,
    real: (x) => formatReal(x, 'jansson'),
    integralIsReal: (key, v) => integralIsReal(reals, key, v),
  });
}

/** No key forces a real. */
export const NO_REAL_KEYS: ReadonlySet<string> = new Set();

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /["\\\u0000-\u001f]/g;

/** A JSON string literal as jansson writes it. */
export function janssonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  return `"${s.replace(ESCAPES, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}
