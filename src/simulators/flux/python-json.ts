import { formatReal } from '../../datasources/flux/json-real';
import { cachedMembers, SHORT_STRING, writeJson } from './json-writer';
import type { JsonStyle, RealRule } from './json-writer';

const pythonReal = (x: number): string => formatReal(x, 'python');

/** `json.dumps` defaults: spaced separators, ensure_ascii, floats by `repr`. */
const PYTHON_STYLE: JsonStyle = {
  itemSeparator: ', ',
  member: cachedMembers((k) => `${pythonString(k)}: `),
  string: pythonString,
  real: pythonReal,
};

/**
 * JSON text as Python's `json.dumps` writes it with its defaults (`", "` and `": "`
 * separators, `ensure_ascii`, floats by `repr`): the form in which `flux submit` sends a
 * jobspec, and so the bytes job-info returns for the stored `jobspec` and inside `J`
 * (fixtures 09 and 11). Integral numbers the `reals` rule names are written as floats
 * (`600.0`).
 */
export function pythonJsonDumps(value: unknown, reals: RealRule = new Set()): string {
  return writeJson(value, PYTHON_STYLE, reals);
}

/** Whether `s` is printable ASCII without `"` or `\`: written as is. */
function isPlainAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

const NON_ASCII = /[\u007f-\uffff]/;
const NON_ASCII_ALL = /[\u007f-\uffff]/g;
const escapeUnit = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * A string literal as `json.dumps(..., ensure_ascii=True)` writes it. `JSON.stringify` already
 * escapes as Python does below U+007F (short forms, lower-case `\u00XX`) and each lone surrogate
 * as a lower-case `\uXXXX`; what is left is every other UTF-16 unit from U+007F up.
 */
export function pythonString(s: string): string {
  if (s.length < SHORT_STRING && isPlainAscii(s)) return `"${s}"`;
  const quoted = JSON.stringify(s);
  return NON_ASCII.test(quoted) ? quoted.replace(NON_ASCII_ALL, escapeUnit) : quoted;
}
