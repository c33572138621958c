import { formatJobId } from '../../datasources/flux/job-id';
import { F58_ALPHABET, F58_PREFIX } from '../../datasources/flux/job-id-f58';

const TWO_32 = 4_294_967_296;
const MAX_U64 = 2n ** 64n - 1n;
const DIGIT_CODES = Uint16Array.from(F58_ALPHABET, (c) => c.charCodeAt(0));
const PREFIX_CODE = F58_PREFIX.charCodeAt(0);
/** The id's two 32-bit halves, read without a BigInt operation. */
const halves = new DataView(new ArrayBuffer(8));
/** `ƒ` and an id's digits, right-aligned (at most 11 digits for 64 bits). */
const codes = new Uint16Array(12);

/**
 * `formatJobId(id)` (f58 with `ƒ`, `ƒ7PFfdyq`), the same string, computed on the id's two 32-bit
 * halves as Numbers: `encodeF58Digits` divides the BigInt by 58 per digit (two BigInts and a
 * concatenated string per digit, ~0.7–1 µs and ~800 bytes per id), and the JobId scalar writes one
 * id per job of a page (docs/performance.md). Here ~0.1 µs and two short flat strings. An id outside
 * unsigned 64 bits (or not a bigint) goes to `formatJobId` (its RangeError). Pinned to `formatJobId`
 * by test/unit/schema/scalars/job-id-text.test.ts.
 */
export function formatJobIdF58(id: bigint): string {
  if (typeof id !== 'bigint' || id < 0n || id > MAX_U64) return formatJobId(id);
  halves.setBigUint64(0, id);
  let hi = halves.getUint32(0);
  let lo = halves.getUint32(4);
  let at = codes.length;
  // Long division of hi·2^32 + lo by 58: every step's dividend is below 58·2^32 (exact in a double).
  while (hi > 0) {
    const highQuotient = Math.floor(hi / 58);
    const rest = (hi - highQuotient * 58) * TWO_32 + lo;
    lo = Math.floor(rest / 58);
    hi = highQuotient;
    codes[--at] = DIGIT_CODES[rest - lo * 58] as number;
  }
  while (lo >= 58) {
    const quotient = Math.floor(lo / 58);
    codes[--at] = DIGIT_CODES[lo - quotient * 58] as number;
    lo = quotient;
  }
  if (lo > 0 || at === codes.length) codes[--at] = DIGIT_CODES[lo] as number;
  codes[--at] = PREFIX_CODE;
  // All twelve slots in one call (no spread, no array per id); the slots left of the prefix are cut off.
  const text = String.fromCharCode(
    codes[0] as number,
    codes[1] as number,
    codes[2] as number,
    codes[3] as number,
    codes[4] as number,
    codes[5] as number,
    codes[6] as number,
    codes[7] as number,
    codes[8] as number,
    codes[9] as number,
    codes[10] as number,
    codes[11] as number,
  );
  return at === 0 ? text : text.slice(at);
}
