/**
 * Seeded generators of awkward JSON inputs for the writers' differential tests: strings mixing
 * quotes, backslashes, every control character, DEL, non-ASCII, astral pairs, lone surrogates
 * and literal `\u`; numbers of every magnitude; nested objects and arrays.
 */
import type { SeededRandom } from '../../../src/simulators/dataset/random';

const PIECES = [
  'a',
  'Z',
  '9',
  ' ',
  '/',
  '"',
  '\\',
  '\\u',
  '\b',
  '\f',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  'é',
  'ƒ',
  '中',
  '\u2028',
  '\uffff',
  '😀',
  '\ud800',
  '\udfff',
  '\ud83d',
  'timestamp',
  '{"x":1}',
  'plain text ',
];

/** A random string of up to `maxPieces` pieces (some short, some past the writers' 64-character cut-off), or plain ASCII. */
export function randomString(rng: SeededRandom, maxPieces = 120): string {
  if (rng.chance(0.1))
    return Array.from({ length: rng.int(1, 200) }, () => String.fromCharCode(rng.int(0x23, 0x5b))).join('');
  const n = rng.chance(0.1) ? 0 : rng.int(1, rng.chance(0.5) ? 6 : maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.chance(0.5) ? rng.pick(PIECES) : String.fromCharCode(rng.int(0x20, 0x7e));
  return s;
}

/** A double of random sign, magnitude 1e-320 … 1e308, or an edge value. */
export function randomReal(rng: SeededRandom): number {
  if (rng.chance(0.1))
    return rng.pick([0, -0, 1, -1, 600, 0.1, 1e-4, 9.999e-5, 1e16, 1e17, 1e21, 2 ** 53, 5e-324, Number.MAX_VALUE]);
  const sign = rng.chance(0.5) ? -1 : 1;
  if (rng.chance(0.3)) return sign * (1_795_000_000 + rng.next() * 1e6);
  if (rng.chance(0.2)) return (sign * rng.int(0, 2 ** 31)) / 2 ** rng.int(0, 40);
  return sign * rng.next() * 10 ** rng.int(-320, 308);
}

/** An integral number or bigint: small, near 2^53, above it, or a bigint near ±2^64. */
export function randomInteger(rng: SeededRandom): number | bigint {
  switch (rng.int(0, 3)) {
    case 0:
      return rng.int(-1000, 1000);
    case 1:
      return Number.MAX_SAFE_INTEGER - rng.int(0, 10);
    case 2:
      return (rng.chance(0.5) ? -1 : 1) * 2 ** rng.int(53, 80);
    default:
      return 2n ** 64n - BigInt(rng.int(1, 1000)) * (rng.chance(0.5) ? 1n : -1n);
  }
}

/** Keys to draw from: the real-keys rules' (`duration`, `timestamp`, `t_run`…) and others. */
export const KEYS = [
  'duration',
  'timestamp',
  't_run',
  'since',
  'count',
  'name',
  'context',
  'x',
  '',
  'ü',
  'a"b',
  'tab\tkey',
  '\u0001',
];

/** A random JSON value, nesting up to `depth`; objects may hold `undefined` members. */
export function randomValue(rng: SeededRandom, depth = 4): unknown {
  const kind = rng.int(0, depth > 0 ? 7 : 4);
  switch (kind) {
    case 0:
      return randomString(rng);
    case 1:
      return randomReal(rng);
    case 2:
      return randomInteger(rng);
    case 3:
      return rng.pick([true, false, null]);
    case 4:
      return randomReal(rng);
    case 5:
      return Array.from({ length: rng.int(0, 5) }, () => randomValue(rng, depth - 1));
    default: {
      const obj: Record<string, unknown> = {};
      const n = rng.int(0, 6);
      for (let i = 0; i < n; i++)
        obj[rng.chance(0.7) ? rng.pick(KEYS) : randomString(rng, 4)] = rng.chance(0.1)
          ? undefined
          : randomValue(rng, depth - 1);
      return obj;
    }
  }
}
