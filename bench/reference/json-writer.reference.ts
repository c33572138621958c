/**
 * The simulator's JSON writers as they were before the CPU work of 2026-11 (json-writer.ts,
 * jansson-json.ts, python-json.ts; the parts that work left alone, `formatReal`,
 * `integralIsReal` and `SHORT_ESCAPES`, are imported): the differential tests compare the
 * writers with these byte for byte, and bench/flux-lookup.bench.ts measures them as its
 * baseline. Not used by the simulator.
 */
import { formatReal } from '../../src/datasources/flux/json-real';
import { integralIsReal, SHORT_ESCAPES } from '../../src/simulators/flux/json-writer';
import type { RealRule } from '../../src/simulators/flux/json-writer';

interface ReferenceStyle {
  itemSeparator: string;
  keySeparator: string;
  string(s: string): string;
  real(x: number): string;
  integralIsReal(key: string | undefined, value: number): boolean;
}

/** The recursive writer (Object.entries, parts, join). */
export function referenceWriteJson(value: unknown, style: ReferenceStyle, key?: string): string {
  switch (typeof value) {
    case 'string':
      return style.string(value);
    case 'number':
      return Number.isInteger(value) && !style.integralIsReal(key, value) ? String(value) : style.real(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value))
        return `[${value.map((v) => referenceWriteJson(v, style, key)).join(style.itemSeparator)}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (v !== undefined) parts.push(`${style.string(k)}${style.keySeparator}${referenceWriteJson(v, style, k)}`);
      }
      return `{${parts.join(style.itemSeparator)}}`;
    }
    default:
      throw new TypeError(`writeJson: cannot encode a ${typeof value}`);
  }
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const ESCAPES = /["\\\u0000-\u001f]/g;

/** jansson's string literal (regex + callback per escaped character). */
export function referenceJanssonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  return `"${s.replace(ESCAPES, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/** Python's `json.dumps` string literal with `ensure_ascii`. */
export function referencePythonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** `janssonDump` as it was: a new style object and closures per call. */
export function referenceJanssonDump(value: unknown, reals: RealRule = new Set()): string {
  return referenceWriteJson(value, {
    itemSeparator: ',',
    keySeparator: ':',
    string: referenceJanssonString,
    real: (x) => formatReal(x, 'jansson'),
    integralIsReal: (key, v) => integralIsReal(reals, key, v),
  });
}

/** `pythonJsonDumps` as it was. */
export function referencePythonJsonDumps(value: unknown, reals: RealRule = new Set()): string {
  return referenceWriteJson(value, {
    itemSeparator: ', ',
    keySeparator: ': ',
    string: referencePythonString,
    real: (x) => formatReal(x, 'python'),
    integralIsReal: (key, v) => integralIsReal(reals, key, v),
  });
}
