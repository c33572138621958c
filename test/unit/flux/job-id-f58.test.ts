import { formatJobId } from '../../../src/datasources/flux/job-id';
import { encodeF58, F58_ALPHABET } from '../../../src/datasources/flux/job-id-f58';
import { JobIdScalar } from '../../../src/schema/scalars/job-id.scalar';

/** The reference: RFC 19's F58 by BigInt division, one digit at a time (what encodeF58 replaced). */
function referenceF58(id: bigint): string {
  let digits = id === 0n ? '1' : '';
  for (let n = id; n > 0n; n /= 58n) digits = F58_ALPHABET[Number(n % 58n)] + digits;
  return `ƒ${digits}`;
}

/** Deterministic 64-bit values of every bit length (xorshift64), so a failure names a reproducible id. */
function* ids(seed: bigint, count: number): Generator<bigint> {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x ^= (x << 13n) & (2n ** 64n - 1n);
    x ^= x >> 7n;
    x ^= (x << 17n) & (2n ** 64n - 1n);
    yield x >> BigInt(i % 64);
  }
}

describe('encodeF58 (formatJobId’s f58 form, the JobId scalar’s output)', () => {
  it('writes the reference F58 at the edges: 0, powers of 58, 32-, 53- and 64-bit limits', () => {
    const edges: bigint[] = [
      0n,
      1n,
      57n,
      58n,
      59n,
      2n ** 32n - 1n,
      2n ** 32n,
      2n ** 32n + 1n,
      2n ** 53n - 1n,
      2n ** 53n,
    ];
    for (let k = 1n; k <= 10n; k++) edges.push(58n ** k - 1n, 58n ** k, 58n ** k + 1n);
    edges.push(2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n);
    for (const id of edges)
      expect([id, encodeF58(id), formatJobId(id)]).toEqual([id, referenceF58(id), referenceF58(id)]);
    expect(formatJobId(0n)).toBe('ƒ1');
    expect(formatJobId(2n ** 64n - 1n)).toBe('ƒjpXCZedGfVQ');
  });

  it('writes the reference F58 for 20,000 ids of every bit length', () => {
    let checked = 0;
    for (const id of ids(0x9e3779b97f4a7c15n, 20_000)) {
      const [fast, reference] = [formatJobId(id), referenceF58(id)];
      if (fast !== reference) throw new Error(`${id}: ${fast} != ${reference}`);
      checked++;
    }
    expect(checked).toBe(20_000);
  });

  it('formatJobId refuses an id outside unsigned 64 bits', () => {
    expect(() => formatJobId(-1n)).toThrow(RangeError);
    expect(() => formatJobId(2n ** 64n)).toThrow('outside unsigned 64 bits');
    expect(() => JobIdScalar.serialize(2n ** 64n)).toThrow('outside unsigned 64 bits');
  });

  it('is what the JobId scalar answers', () => {
    expect(JobIdScalar.serialize(2n ** 64n - 1n)).toBe(referenceF58(2n ** 64n - 1n));
    expect(JobIdScalar.serialize(123456789012345678n)).toBe(referenceF58(123456789012345678n));
    expect(JobIdScalar.serialize('ƒ7PFfdyq')).toBe('ƒ7PFfdyq');
  });
});
