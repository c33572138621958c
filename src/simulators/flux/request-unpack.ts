import { parseFluxJson } from '../../datasources/flux/flux-json';
import { JsonReal } from '../../datasources/flux/json-real';

/** Every JSON real has a digit right before its `.` or exponent; text without one holds no real (a string may match: then the slow path). */
const MAY_HOLD_REAL = /\d[.eE]/;

/**
 * The payload's JSON with reals wrapped ({@link parseFluxJson} `reals: 'wrap'`, through lossless-json). Text
 * that holds no real reads the same without wrapping, on the engine's `JSON.parse` fast path; text that
 * path rejects is read again the slow way, whose error message the reply quotes.
 */
export function parseRequestJson(text: string): unknown {
  if (!MAY_HOLD_REAL.test(text)) {
    try {
      return parseFluxJson(text);
    } catch {
      // Worded by lossless-json below.
    }
  }
  return parseFluxJson(text, { reals: 'wrap' });
}

/** A request payload could not be unpacked; `message` is jansson's wording. */
export class UnpackError extends Error {}

/** jansson's name for the type of a parsed JSON value (`integer` vs `real` matter). */
export function janssonType(v: unknown): string {
  if (v === null) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'integer';
  if (typeof v === 'number' || v instanceof JsonReal) return 'real';
  return Array.isArray(v) ? 'array' : 'object';
}

/** True for a JSON integer as `parseFluxJson(…, { reals: 'wrap' })` yields it. */
export function isJsonInteger(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

function item(obj: Record<string, unknown>, key: string, required: boolean): unknown {
  if (!Object.hasOwn(obj, key)) {
    if (required) throw new UnpackError(`Object item not found: ${key}`);
    return undefined;
  }
  return obj[key];
}

/** jansson `s:i` / `s?i` (also `s:I`): an integer, as a number (ids: {@link unpackBigInt}). */
export function unpackInt(obj: Record<string, unknown>, key: string, required: true): number;
export function unpackInt(obj: Record<string, unknown>, key: string, required: false): number | undefined;
export function unpackInt(obj: Record<string, unknown>, key: string, required: boolean): number | undefined {
  const v = item(obj, key, required);
  if (v === undefined) return undefined;
  if (!isJsonInteger(v)) throw new UnpackError(`Expected integer, got ${janssonType(v)}`);
  return Number(v);
}

/** jansson `s:I`: a 64-bit integer, exact. */
export function unpackBigInt(obj: Record<string, unknown>, key: string): bigint {
  const v = item(obj, key, true);
  if (!isJsonInteger(v)) throw new UnpackError(`Expected integer, got ${janssonType(v)}`);
  return BigInt(v);
}

/** jansson `s?F`: a real or an integer, as a number. */
export function unpackNumber(obj: Record<string, unknown>, key: string): number | undefined {
  const v = item(obj, key, false);
  if (v === undefined) return undefined;
  if (v instanceof JsonReal) return v.value;
  if (isJsonInteger(v)) return Number(v);
  throw new UnpackError(`Expected real or integer, got ${janssonType(v)}`);
}

/** jansson `s:s` / `s?s`. */
export function unpackString(obj: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const v = item(obj, key, required);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UnpackError(`Expected string, got ${janssonType(v)}`);
  return v;
}

/** jansson `s:o` / `s?o`: any value. */
export function unpackValue(obj: Record<string, unknown>, key: string, required: boolean): unknown {
  return item(obj, key, required);
}
