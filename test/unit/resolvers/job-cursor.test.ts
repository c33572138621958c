import { compareJobKeys, decodeJobCursor, encodeJobCursor } from '../../../src/resolvers/job-cursor';

describe('job cursors', () => {
  it('round-trip the exact submit time and 64-bit id', () => {
    const key = { tSubmit: 1795361589.7910175, id: 18446744073709551000n };
    const cursor = encodeJobCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeJobCursor(cursor)).toEqual(key);
  });
  it.each([
    '',
    'not a cursor!',
    Buffer.from('v2:1:2').toString('base64url'),
    Buffer.from('v1:abc:2').toString('base64url'),
    Buffer.from('v1:1:18446744073709551616').toString('base64url'),
  ])('rejects %j as BAD_USER_INPUT naming it', (text) => {
    expect(() => decodeJobCursor(text)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', extensions: expect.objectContaining({ value: text }) }),
    );
  });
  it('orders newest submitted first, ties by id descending', () => {
    const keys = [
      { tSubmit: 10, id: 5n },
      { tSubmit: 20, id: 1n },
      { tSubmit: 10, id: 7n },
    ];
    expect([...keys].sort(compareJobKeys)).toEqual([
      { tSubmit: 20, id: 1n },
      { tSubmit: 10, id: 7n },
      { tSubmit: 10, id: 5n },
    ]);
  });
  it('answers the sign the difference of submit times has (microseconds apart, equal, far apart), then by id', () => {
    const times = [0, 1e-6, 1700000000.123456, 1700000000.123457, 1700000000.123456, 2 ** 40, -1];
    for (const a of times)
      for (const b of times)
        for (const [x, y] of [
          [1n, 2n],
          [2n, 1n],
          [3n, 3n],
        ] as const) {
          const order = compareJobKeys({ tSubmit: a, id: x }, { tSubmit: b, id: y });
          const expected = a !== b ? Math.sign(b - a) : x === y ? 0 : x > y ? -1 : 1;
          expect([a, b, x, y, order]).toEqual([a, b, x, y, expected]);
        }
    // Jobs themselves are compared (the pager passes them): other fields are not read.
    const job = { tSubmit: 5, id: 9n, state: 'RUN', cluster: 'x' };
    expect(compareJobKeys(job, { tSubmit: 5, id: 9n })).toBe(0);
  });
});
