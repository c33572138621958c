/**
 * How a real (JSON number that is not an integer on the wire) is written:
 * - `'jansson'`: what the broker writes (jansson's `%.17g`, `.0` appended to integral values,
 *   exponent without `+` or leading zeros: `0.0`, `600.0`, `1795361589.7910175`, `1e18`);
 * - `'python'`: what flux-core's Python bindings send (shortest round-trip digits, `.0` appended,
 *   exponent from 1e16 on or below 1e-4, `e+18` / `e-05`), e.g. fixture 06's `"since":1e+18`.
 */
export type RealStyle = 'jansson' | 'python';

/**
 * A number that must travel as a JSON real even when its value is integral: `new JsonReal(600)`
 * is written `600.0`. Parsing with `{ reals: 'wrap' }` also yields these, so a reader can tell
 * `1` from `1.0` (jansson's `i` format rejects reals; the simulator needs to know).
 */
export class JsonReal {
  constructor(readonly value: number) {}

  valueOf(): number {
    return this.value;
  }
}

/** Writes a finite double as a JSON real in the given style; throws a RangeError on NaN/Infinity. */
export function formatReal(value: number, style: RealStyle = 'jansson'): string {
  if (!Number.isFinite(value)) throw new RangeError(`a JSON real must be finite, got ${value}`);
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  return style === 'jansson' ? formatJansson(value) : formatPython(value);
}

function splitExponential(text: string): { mantissa: string; exponent: number } {
  const at = text.indexOf('e');
  return { mantissa: text.slice(0, at), exponent: Number(text.slice(at + 1)) };
}

function trimFraction(text: string): string {
  if (!text.includes('.')) return text;
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48) end--;
  if (text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}

function withPoint(text: string): string {
  return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/**
 * Whether `value`'s exact binary value has at most 18 significant digits, the 18th a 5: a tie
 * for 17 digits. JavaScript's toPrecision/toExponential round ties away from zero, printf's
 * `%.17g` to even (1795361578.00390625 → 1795361578.0039062, not …063). An expansion that ends
 * within 18 digits is far shorter than the 100 fraction digits looked at here (at most 18 + 52).
 */
function isTieAt17(value: number): boolean {
  const exact = value.toExponential(99);
  const digits = exact.slice(0, exact.indexOf('e')).replace('-', '').replace('.', '');
  if (digits.charCodeAt(17) !== 53) return false;
  for (let i = 18; i < digits.length; i++) if (digits.charCodeAt(i) !== 48) return false;
  return true;
}

const POWERS_OF_TEN = Array.from({ length: 18 }, (_, i) => 10 ** i);

/**
 * A cheap necessary condition for {@link isTieAt17} from 1 up: a double m·2^e (m odd, e < 0)
 * has exactly -e fraction digits, so 18 significant digits need -e = 18 - (integer digits),
 * i.e. abs·2^(18 - integer digits) integral. Timestamps fail it at once.
 */
function mayTieAt17(abs: number): boolean {
  if (abs < 1) return true;
  let integerDigits = 1;
  while (integerDigits < 17 && abs >= (POWERS_OF_TEN[integerDigits] as number)) integerDigits++;
  return Number.isInteger(abs * 2 ** (18 - integerDigits));
}

/**
 * `value` at 17 digits when it is a tie that rounds to even (down): `eighteen` (its 18 digits,
 * fixed or mantissa) without the final 5. Undefined otherwise: JavaScript's 17 digits are right.
 */
function evenTruncation(value: number, eighteen: string): string | undefined {
  if (!eighteen.endsWith('5') || !isTieAt17(value)) return undefined;
  const kept = eighteen.slice(0, -1);
  const last =
    kept.charCodeAt(kept.length - 1) === 46 ? kept.charCodeAt(kept.length - 2) : kept.charCodeAt(kept.length - 1);
  return (last - 48) % 2 === 0 ? kept : undefined;
}

/** `%.17g` (ties to even, like printf), then jansson's fix-ups (strconv.c `jsonp_dtostr`). */
function formatJansson(value: number): string {
  const abs = Math.abs(value);
  // Fast path (every timestamp): toPrecision is %.17g's fixed notation in this range.
  if (abs >= 1e-4 && abs < 1e17) {
    const even = mayTieAt17(abs) ? evenTruncation(value, value.toPrecision(18)) : undefined;
    return withPoint(trimFraction(even ?? value.toPrecision(17)));
  }
  const wide = splitExponential(value.toExponential(17));
  const even = evenTruncation(value, wide.mantissa);
  const { mantissa, exponent } =
    even !== undefined ? { mantissa: even, exponent: wide.exponent } : splitExponential(value.toExponential(16));
  // Below 1e-4 no double rounds up to 1e-4 at 17 digits (its neighbours differ in the 17th), so
  // %.17g's exponent stays below -4 here, and at 1e17 and above it stays at 17 or more.
  return `${trimFraction(mantissa)}e${exponent}`;
}

/** Python's `repr(float)`: shortest round-trip digits. */
function formatPython(value: number): string {
  const { mantissa, exponent } = splitExponential(value.toExponential());
  if (exponent >= -4 && exponent < 16) {
    const negative = mantissa.startsWith('-');
    const digits = mantissa.replace(/^-/, '').replace('.', '');
    let fixed: string;
    if (exponent < 0) fixed = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    else if (digits.length > exponent + 1) fixed = `${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
    else fixed = digits + '0'.repeat(exponent + 1 - digits.length);
    return withPoint((negative ? '-' : '') + fixed);
  }
  const sign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}
