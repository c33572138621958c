import { formatReal } from '../../datasources/flux/flux-real';
import { integralIsReal, SHORT_ESCAPES, writeJson } from './json-writer';
import type { RealRule } from './json-writer';

/**
 * JSON text as Python's `json.dumps` writes it with its defaults (`", "` and `": "`
 * separators, `ensure_ascii`, floats by `repr`): the form in which `flux submit` sends a
 * jobspec, and so the bytes job-info returns for the stored `jobspec` and inside `J`
 * (fixtures 09 and 11). Integral numbers the `reals` rule names are written as floats
 * (`600.0`).
 */
export function pythonJsonDumps(value: unknown, reals: RealRule = new Set()): string {
  return writeJson(value, {
    itemSeparator: ', ',
    keySeparator: ': ',
    string: pythonString,
    real: (x) => formatReal(x, 'python'),
    integralIsReal: (key, v) => integralIsReal(reals, key, v),
  });
}


/** A string literal as `json.dumps(..., ensure_ascii=True)` writes it. */
function pythonString(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
