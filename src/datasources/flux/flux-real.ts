/**
 * How a real (JSON number that is not an integer on the wire) is written:
 * - `'jansson'`: what the broker writes (jansson's `%.17g`, `.0` appended to integral values,
 *   exponent without `+` or leading zeros: `0.0`, `600.0`, `1795361589.7910175`, `1e18`);
 * - `'python'`: what flux-core's Python bindings send (shortest round-trip digits, `.0` appended,
 *   exponent from 1e16 on or below 1e-4, `e+18` / `e-05`), e.g. fixture 06's `"since":1e+18`.
 */
export type RealStyle = 'jansson' | 'python';

/**
 * A number that must travel as a JSON real even when its value is integral: `new FluxReal(600)`
 * is written `600.0`. Parsing with `{ reals: 'wrap' }` also yields these, so a reader can tell
 * `1` from `1.0` (jansson's `i` format rejects reals; the simulator needs to know).
 */
export class FluxReal {
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

/** `%.17g`, then jansson's fix-ups (strconv.c `jsonp_dtostr`). */
function formatJansson(value: number): string {
  const abs = Math.abs(value);
  // Fast path (every timestamp): toPrecision(17) is %.17g's fixed notation in this range.
  if (abs >= 1e-4 && abs < 1e17) return withPoint(trimFraction(value.toPrecision(17)));
  const { mantissa, exponent } = splitExponential(value.toExponential(16));
  if (exponent >= -4 && exponent < 17) return withPoint(trimFraction(value.toFixed(16 - exponent)));
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
