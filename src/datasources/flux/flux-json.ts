import { isInteger, isSafeNumber, parse, stringify } from 'lossless-json';
import type { NumberStringifier } from 'lossless-json';
import { restoreExactIntegers } from './exact-integers';
import { JsonReal, formatReal } from './json-real';
import type { RealStyle } from './json-real';

/**
 * Options of {@link parseFluxJson}.
 * `reals`: `'number'` (default) reads reals as plain numbers; `'wrap'` as {@link JsonReal}, so a
 * caller can tell `1.0` from `1` (e.g. the simulator rejecting a real `max_entries` like jansson).
 */
export interface FluxJsonParseOptions {
  reals?: 'number' | 'wrap';
}

/**
 * Options of {@link stringifyFluxJson}.
 * - `realStyle`: how reals are written (default `'jansson'`, the broker's bytes; the client sends
 *   `'python'`, as flux-core's bindings do).
 * - `realKeys`: property names whose number values are reals even when integral (e.g. `t_submit`,
 *   `duration`, `since`; see {@link JOB_REAL_KEYS}). {@link JsonReal} values are always reals and
 *   non-integral numbers always are too.
 */
export interface FluxJsonStringifyOptions {
  realStyle?: RealStyle;
  realKeys?: ReadonlySet<string>;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The keys Flux writes as reals: job-list times, durations, `expiration`, eventlog `timestamp`,
 * R's `starttime`/`expiration`, job-list's `since`. Pass as `realKeys` to write them like the broker.
 */
export const JOB_REAL_KEYS: ReadonlySet<string> = new Set([
  't_submit',
  't_depend',
  't_priority',
  't_sched',
  't_run',
  't_cleanup',
  't_inactive',
  'duration',
  'expiration',
  'timestamp',
  'starttime',
  'since',
]);

function parseNumberLossless(text: string): number | bigint {
  if (isInteger(text)) return isSafeNumber(text) ? Number(text) : BigInt(text);
  return Number(text);
}

function parseNumberWrapped(text: string): number | bigint | JsonReal {
  return isInteger(text) ? parseNumberLossless(text) : new JsonReal(Number(text));
}

/**
 * Parses JSON text from or for a broker without losing precision: integers within ±2^53 become
 * `number`, larger ones `bigint`; reals become `number` (or {@link JsonReal}, see options).
 * Duplicate keys keep the last value, as jansson does. Throws a SyntaxError on invalid JSON.
 *
 * Fast path: the engine's `JSON.parse`, then {@link restoreExactIntegers}; whenever that cannot be
 * certain (and for `reals: 'wrap'`), lossless-json parses the text instead. Both paths give equal
 * results (a differential test checks it).
 */
export function parseFluxJson(text: string, options: FluxJsonParseOptions = {}): unknown {
  if (options.reals !== 'wrap') {
    const value: unknown = JSON.parse(text);
    if (restoreExactIntegers(value, text)) return value;
  }
  return parseLosslessJson(text, options);
}

/** {@link parseFluxJson} through lossless-json alone (the reference the fast path is tested against). */
export function parseLosslessJson(text: string, options: FluxJsonParseOptions = {}): unknown {
  return parse(text, null, {
    parseNumber: options.reals === 'wrap' ? parseNumberWrapped : parseNumberLossless,
    onDuplicateKey: ({ newValue }) => newValue,
  });
}

/** Short strings already written as JSON (request keys and key names repeat in every request). */
const QUOTED = new Map<string, string>();

/** `JSON.stringify(text)`, kept for the few short strings requests repeat (≤ 32 characters, 256 of them). */
function quoted(text: string): string {
  let json = QUOTED.get(text);
  if (json === undefined) {
    json = JSON.stringify(text);
    if (text.length <= 32 && QUOTED.size < 256) QUOTED.set(text, json);
  }
  return json;
}

/**
 * The common request without lossless-json (whose stringify cost ~2 µs and a few hundred bytes
 * per job-info.lookup): plain objects and arrays of strings, booleans, null, safe integers and
 * bigints within signed 64 bits, written as {@link stringifyFluxJson} writes them. Undefined for
 * anything else (a real, a JsonReal, an unsafe integer, `undefined` or a function inside, an
 * object with a prototype or `toJSON`): the caller then takes the lossless-json way, errors included.
 */
function stringifyPlain(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quoted(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isSafeInteger(value) ? String(value) : undefined;
    case 'bigint':
      return value >= INT64_MIN && value <= INT64_MAX ? value.toString() : undefined;
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const item = stringifyPlain(value[i]);
      if (item === undefined) return undefined;
      out += i === 0 ? item : `,${item}`;
    }
    return `${out}]`;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const record = value as Record<string, unknown>;
  if (typeof record.toJSON === 'function') return undefined;
  let out = '{';
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = stringifyPlain(record[key]);
    if (item === undefined) return undefined;
    out += `${out.length === 1 ? '' : ','}${quoted(key)}:${item}`;
  }
  return `${out}}`;
}

function stringifiers(style: RealStyle): NumberStringifier[] {
  return [
    { test: (v) => v instanceof JsonReal, stringify: (v) => formatReal((v as JsonReal).value, style) },
    {
      test: (v) => typeof v === 'number',
      stringify: (v) => {
        const n = v as number;
        if (!Number.isInteger(n)) return formatReal(n, style);
        if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${n} is beyond 2^53 as a number; pass a bigint`);
        return String(n);
      },
    },
    {
      test: (v) => typeof v === 'bigint',
      stringify: (v) => {
        const n = v as bigint;
        if (n < INT64_MIN || n > INT64_MAX)
          throw new RangeError(`integer ${n} does not fit a signed 64-bit JSON integer (use toWireId for ids)`);
        return n.toString();
      },
    },
  ];
}

const STRINGIFIERS: Record<RealStyle, NumberStringifier[]> = {
  jansson: stringifiers('jansson'),
  python: stringifiers('python'),
};

/**
 * Writes compact JSON the way jansson does (insertion order, raw UTF-8, `/` unescaped), with
 * bigints as exact integers and reals per {@link FluxJsonStringifyOptions}. Throws a RangeError for
 * non-finite numbers, unsafe integer numbers and integers outside signed 64 bits.
 * Plain requests (no reals, no `realKeys`) are written without lossless-json; both ways give
 * the same text (a differential test checks it).
 */
export function stringifyFluxJson(value: unknown, options: FluxJsonStringifyOptions = {}): string {
  if (!options.realKeys) {
    const fast = stringifyPlain(value);
    if (fast !== undefined) return fast;
  }
  return stringifyLosslessJson(value, options);
}

/** {@link stringifyFluxJson} through lossless-json alone (the reference its fast path is tested against). */
export function stringifyLosslessJson(value: unknown, options: FluxJsonStringifyOptions = {}): string {
  const realKeys = options.realKeys;
  const replacer = realKeys
    ? (key: string, v: unknown): unknown => (typeof v === 'number' && realKeys.has(key) ? new JsonReal(v) : v)
    : null;
  const text = stringify(value, replacer, undefined, STRINGIFIERS[options.realStyle ?? 'jansson']);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}
