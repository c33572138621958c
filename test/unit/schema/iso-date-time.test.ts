import { formatIsoDateTime } from '../../../src/schema/scalars/iso-date-time';
import { DateTimeScalar } from '../../../src/schema/scalars/date-time.scalar';

/** A deterministic stream of doubles in [0, 1) (xorshift), so a failure names a reproducible value. */
function* randoms(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    yield (x >>> 0) / 2 ** 32;
  }
}

/** 0000-01-01T00:00:00.000Z (Date.UTC would read year 0 as 1900). */
const year0 = new Date(0);
year0.setUTCFullYear(0, 0, 1);

describe('formatIsoDateTime (the DateTime scalar’s formatter)', () => {
  it('writes what toISOString writes at the edges of its fast range and beyond', () => {
    const first = year0.getTime();
    const end = Date.UTC(9999, 11, 31, 23, 59, 59, 999) + 1;
    expect(first).toBe(-62_167_219_200_000);
    for (const ms of [
      0,
      -0,
      -1,
      1,
      999,
      86_399_999,
      86_400_000,
      first,
      first - 1,
      first + 1,
      end - 1,
      end,
      8.64e15,
      -8.64e15,
      1795361589791,
    ])
      expect(formatIsoDateTime(ms)).toBe(new Date(ms).toISOString());
  });

  it('writes what toISOString writes for 50,000 instants across years 0–9999 and around now', () => {
    const random = randoms(0x9e3779b9);
    const span = 253_402_300_800_000 + 62_167_219_200_000;
    for (let i = 0; i < 25_000; i++) {
      const anywhere = Math.floor(random.next().value * span) - 62_167_219_200_000;
      const recent = 1_700_000_000_000 + Math.floor(random.next().value * 400 * 86_400_000);
      expect(formatIsoDateTime(anywhere)).toBe(new Date(anywhere).toISOString());
      expect(formatIsoDateTime(recent)).toBe(new Date(recent).toISOString());
    }
  });

  it('answers the same text when an instant repeats, and after a neighbour, another day, -0 or a throw', () => {
    const now = 1_795_361_589_791;
    const sequence = [
      now,
      now,
      now + 1,
      now,
      now + 86_400_000,
      now + 86_400_000,
      now,
      0,
      -0,
      0,
      1.5,
      1.5,
      now,
      now - 1,
    ];
    for (const ms of sequence) expect(formatIsoDateTime(ms)).toBe(new Date(ms).toISOString());
    expect(formatIsoDateTime(now)).toBe(new Date(now).toISOString());
    expect(() => formatIsoDateTime(8.64e15 + 1)).toThrow(RangeError);
    expect(() => formatIsoDateTime(8.64e15 + 1)).toThrow(RangeError);
    expect(formatIsoDateTime(now)).toBe(new Date(now).toISOString());
    expect(() => formatIsoDateTime(Number.NaN)).toThrow(RangeError);
    expect(() => formatIsoDateTime(Number.NaN)).toThrow(RangeError);
    // A page's order: a job's events a few ms apart, sharing instants; jobs hours apart.
    const random = randoms(7);
    let at = now;
    for (let i = 0; i < 20_000; i++) {
      const step = random.next().value;
      at += step < 0.3 ? 0 : step < 0.8 ? Math.floor(step * 20) : -Math.floor(step * 9_000_000);
      expect(formatIsoDateTime(at)).toBe(new Date(at).toISOString());
    }
  });

  it('stays right after its day cache fills and is emptied (5,000 distinct days, twice)', () => {
    for (let pass = 0; pass < 2; pass++)
      for (let day = 0; day < 5000; day++) {
        const ms = day * 86_400_000 * 7 + day * 1_001;
        expect(formatIsoDateTime(ms)).toBe(new Date(ms).toISOString());
      }
  });

  it('leaves fractions and invalid times to toISOString (truncation, RangeError)', () => {
    expect(formatIsoDateTime(1.75)).toBe(new Date(1.75).toISOString());
    expect(formatIsoDateTime(-1.75)).toBe(new Date(-1.75).toISOString());
    expect(() => formatIsoDateTime(Number.NaN)).toThrow(RangeError);
    expect(() => formatIsoDateTime(8.64e15 + 1)).toThrow(RangeError);
  });

  it('is what the DateTime scalar serializes a Date with (an invalid Date still fails)', () => {
    const date = new Date(Date.UTC(2026, 11, 6, 20, 15, 7, 42));
    expect(DateTimeScalar.serialize(date)).toBe('2026-12-06T20:15:07.042Z');
    expect(() => DateTimeScalar.serialize(new Date(Number.NaN))).toThrow(RangeError);
  });
});
