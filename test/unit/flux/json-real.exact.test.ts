import { formatReal } from '../../../src/datasources/flux/json-real';
import { seededRandom } from '../../support/seeded-random';

/** The exact decimal digits of |x| (a finite non-zero double) and where the point goes. */
function exactDigits(x: number): { digits: string; point: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) {
    const digits = (mantissa << BigInt(exponent)).toString();
    return { digits, point: digits.length };
  }
  const digits = (mantissa * 5n ** BigInt(-exponent)).toString();
  return { digits, point: digits.length + exponent };
}

/** printf's %.17g (round half to even on the exact value) with jansson's fix-ups: an oracle that shares no code with formatReal. */
function referenceJansson(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  let { digits, point } = exactDigits(x);
  digits = digits.replace(/0+$/, '') || '0';
  if (digits.length > 17) {
    const rest = digits.slice(17);
    let head = BigInt(digits.slice(0, 17));
    const tie = /^50*$/.test(rest);
    if ((rest[0] as string) > '5' || (rest[0] === '5' && !tie) || (tie && head % 2n === 1n)) head += 1n;
    digits = head.toString();
    if (digits.length > 17) {
      digits = digits.slice(0, 17);
      point += 1;
    }
    digits = digits.replace(/0+$/, '') || '0';
  }
  const exponent = point - 1;
  if (exponent < -4 || exponent >= 17)
    return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}e${exponent}`;
  const padded = exponent >= 0 ? digits.padEnd(exponent + 1, '0') : digits;
  const fixed =
    exponent >= 0
      ? `${padded.slice(0, exponent + 1)}${padded.length > exponent + 1 ? `.${padded.slice(exponent + 1)}` : ''}`
      : `0.${'0'.repeat(-exponent - 1)}${digits}`;
  return `${sign}${fixed.includes('.') ? fixed : `${fixed}.0`}`;
}

describe('formatReal(…, "jansson") against an exact %.17g', () => {
  it("agrees with the oracle on the oracle's own known values", () => {
    expect(referenceJansson(1795361578.00390625)).toBe('1795361578.0039062');
    expect(referenceJansson(0.1)).toBe('0.10000000000000001');
    expect(referenceJansson(1e18)).toBe('1e18');
    expect(referenceJansson(5e-324)).toBe('4.9406564584124654e-324');
  });

  it('writes 60,000 doubles as printf would: random bits, timestamps, and exact ties at the 18th digit', () => {
    const random = seededRandom(17);
    const view = new DataView(new ArrayBuffer(8));
    const values: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      view.setUint32(0, Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = view.getFloat64(0);
      if (Number.isFinite(x)) values.push(x);
    }
    for (let i = 0; i < 20_000; i++) values.push(1_795_000_000 + random() * 1_000_000);
    // Multiples of 1/256 with an odd numerator have exactly 18 digits at this magnitude: ties.
    for (let i = 0; i < 10_000; i++) values.push(1_795_361_578 + (2 * Math.floor(random() * 128) + 1) / 256);
    for (let i = 0; i < 10_000; i++)
      values.push(-(2 ** 50 + Math.floor(random() * 2 ** 50)) - 0.25 * (2 * Math.floor(random() * 2) + 1));
    const wrong = values.filter((x) => formatReal(x, 'jansson') !== referenceJansson(x));
    expect(wrong.slice(0, 5).map((x) => [x, formatReal(x, 'jansson'), referenceJansson(x)])).toEqual([]);
  });
});
