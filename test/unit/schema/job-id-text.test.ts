import { formatJobId } from '../../../src/datasources/flux/job-id';
import { formatJobIdF58 } from '../../../src/schema/scalars/job-id-text';
import { JobIdScalar } from '../../../src/schema/scalars/job-id.scalar';

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

describe('formatJobIdF58 (the JobId scalar’s f58 writer)', () => {
  it('writes what formatJobId writes at the edges: 0, powers of 58, 32-, 53- and 64-bit limits', () => {
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
    for (const id of edges) expect([id, formatJobIdF58(id)]).toEqual([id, formatJobId(id)]);
    expect(formatJobIdF58(0n)).toBe('ƒ1');
    expect(formatJobIdF58(2n ** 64n - 1n)).toBe('ƒjpXCZedGfVQ');
  });

  it('writes what formatJobId writes for 20,000 ids of every bit length', () => {
    let checked = 0;
    for (const id of ids(0x9e3779b97f4a7c15n, 20_000)) {
      const [fast, reference] = [formatJobIdF58(id), formatJobId(id)];
      if (fast !== reference) throw new Error(`${id}: ${fast} != ${reference}`);
      checked++;
    }
    expect(checked).toBe(20_000);
  });

  it('refuses an id outside unsigned 64 bits as formatJobId does', () => {
    expect(() => formatJobIdF58(-1n)).toThrow(RangeError);
    expect(() => formatJobIdF58(2n ** 64n)).toThrow('outside unsigned 64 bits');
  });

  it('is what the JobId scalar answers', () => {
    expect(JobIdScalar.serialize(2n ** 64n - 1n)).toBe(formatJobId(2n ** 64n - 1n));
    expect(JobIdScalar.serialize(123456789012345678n)).toBe(formatJobId(123456789012345678n));
    expect(JobIdScalar.serialize('ƒ7PFfdyq')).toBe('ƒ7PFfdyq');
  });
});
