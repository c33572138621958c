/** Base58 alphabet of RFC 19 F58 ids (no `0`, `O`, `I`, `l`). */
export const F58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Prefix of F58 ids as flux-core emits them in UTF-8 locales: `ƒ` (U+0192). */
export const F58_PREFIX = 'ƒ';

const DIGIT = new Map<string, bigint>([...F58_ALPHABET].map((c, i) => [c, BigInt(i)]));
const MAX_U64 = 2n ** 64n - 1n;

const TWO_32 = 4_294_967_296;
const DIGIT_CODES = Uint16Array.from(F58_ALPHABET, (c) => c.charCodeAt(0));
const PREFIX_CODE = F58_PREFIX.charCodeAt(0);
/** The id's two 32-bit halves, read without a BigInt operation. */
const halves = new DataView(new ArrayBuffer(8));
/** `ƒ` and an id's digits, right-aligned (at most 11 digits for 64 bits). */
const codes = new Uint16Array(12);

/**
 * An unsigned 64-bit id in F58 with its `ƒ` (`ƒ7PFfdyq`; `ƒ1` for 0), most significant digit first.
 * The caller keeps `id` within 0..2^64−1 (formatJobId checks). Computed on the id's two 32-bit
 * halves as Numbers, one flat string: a BigInt division per digit costs ~0.7–1 µs and ~800 bytes
 * per id, and the JobId scalar writes one id per job of a page (docs/performance.md); this ~0.1 µs.
 */
export function encodeF58(id: bigint): string {
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

/** The value of F58 digits (no prefix), or a reason string when they are not a valid id. */
export function decodeF58Digits(digits: string): bigint | string {
  if (digits.length < 1 || digits.length > 12) return 'f58 ids have 1 to 12 digits';
  let n = 0n;
  for (const c of digits) {
    const d = DIGIT.get(c);
    if (d === undefined) return `'${c}' is not an f58 digit`;
    n = n * 58n + d;
  }
  return n > MAX_U64 ? 'f58 value exceeds 64 bits' : n;
}
