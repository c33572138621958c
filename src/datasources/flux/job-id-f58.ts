/** Base58 alphabet of RFC 19 F58 ids (no `0`, `O`, `I`, `l`). */
export const F58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
/** Prefix of F58 ids as flux-core emits them in UTF-8 locales: `ƒ` (U+0192). */
export const F58_PREFIX = 'ƒ';

const DIGIT = new Map<string, bigint>([...F58_ALPHABET].map((c, i) => [c, BigInt(i)]));
const MAX_U64 = 2n ** 64n - 1n;

/** Base 58 of an unsigned id, most significant digit first, `1` for 0 (no prefix). */
export function encodeF58Digits(id: bigint): string {
  if (id === 0n) return '1';
  let out = '';
  for (let n = id; n > 0n; n /= 58n) out = F58_ALPHABET[Number(n % 58n)] + out;
  return out;
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
