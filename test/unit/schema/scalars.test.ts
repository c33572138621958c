import { Kind } from 'graphql';
import { JobgraphError } from '../../../src/errors';
import { toJobEvent } from '../../../src/resolvers/job-event.mapper';
import { DateTimeScalar } from '../../../src/schema/scalars/date-time.scalar';
import { JobIdScalar } from '../../../src/schema/scalars/job-id.scalar';
import { JSONScalar, holdsBigint } from '../../../src/schema/scalars/json.scalar';
import { parseEventlog } from '../../../src/datasources/flux/job-event.mapper';
import { decodeJsonPayload } from '../../../src/datasources/flux/flux-payload';

const codeOf = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (error) {
    return error instanceof JobgraphError ? { code: error.code, value: error.extensions['value'] } : error;
  }
  return 'no error';
};

describe('JobId scalar', () => {
  const id = 9007199254740993n; // 2^53 + 1: a JS number would round it
  it.each([
    ['ƒ2DLNrMSKui'],
    ['f2DLNrMSKui'],
    ['9007199254740993'],
    ['0x20000000000001'],
    ['0020.0000.0000.0001'],
    ['job.0020.0000.0000.0001'],
    ['acrobat-academy-academy--unique-brave-academy'],
    ['  ƒ2DLNrMSKui '],
  ])('accepts the RFC 19 form %s', (form) => {
    expect(JobIdScalar.parseValue(form)).toBe(id);
    expect(JobIdScalar.parseLiteral({ kind: Kind.STRING, value: form }, {})).toBe(id);
  });
  it('outputs f58 with ƒ, also near 2^64', () => {
    expect(JobIdScalar.serialize(id)).toBe('ƒ2DLNrMSKui');
    expect(JobIdScalar.serialize(2n ** 64n - 1n)).toBe('ƒjpXCZedGfVQ');
    expect(JobIdScalar.parseValue('ƒjpXCZedGfJo')).toBe(18446744073709551000n);
  });
  it('rejects a bad id as BAD_USER_INPUT naming the value', () => {
    expect(codeOf(() => JobIdScalar.parseValue('ƒ0OIl'))).toEqual({ code: 'BAD_USER_INPUT', value: 'ƒ0OIl' });
    expect(codeOf(() => JobIdScalar.parseValue('18446744073709551616'))).toEqual({
      code: 'BAD_USER_INPUT',
      value: '18446744073709551616',
    });
    expect(codeOf(() => JobIdScalar.parseValue(1.5))).toEqual({ code: 'BAD_USER_INPUT', value: '1.5' });
    expect(codeOf(() => JobIdScalar.parseLiteral({ kind: Kind.BOOLEAN, value: true }, {}))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });
});

describe('DateTime scalar', () => {
  it('serializes UTC ISO 8601 with milliseconds', () => {
    expect(DateTimeScalar.serialize(new Date(1795361589791.25))).toBe('2026-11-22T15:33:09.791Z');
  });
  it('serializes epoch milliseconds (a JobEvent timestamp) exactly as the same Date; not a number that is no instant', () => {
    for (const ms of [0, 1795361589791, -1, 253402300799999, -62167219200000, 8.64e15, 1795361589791.25])
      expect([ms, DateTimeScalar.serialize(ms)]).toEqual([ms, DateTimeScalar.serialize(new Date(ms))]);
    expect(toJobEvent({ timestamp: 1795361589.7915, name: 'submit' }).timestamp).toBe(1795361589792);
    for (const bad of [NaN, Infinity, 8.64e15 + 1]) expect(() => DateTimeScalar.serialize(bad)).toThrow();
  });
  it('parses ISO 8601 with a zone and rejects anything else naming the value', () => {
    expect((DateTimeScalar.parseValue('2026-11-29T23:00:00+01:00') as Date).toISOString()).toBe(
      '2026-11-29T22:00:00.000Z',
    );
    expect(codeOf(() => DateTimeScalar.parseValue('2026-11-29 23:00'))).toEqual({
      code: 'BAD_USER_INPUT',
      value: '2026-11-29 23:00',
    });
    expect(codeOf(() => DateTimeScalar.parseValue('2026-13-45T00:00:00Z'))).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});

describe('JSON scalar', () => {
  it('writes bigints (ids inside user data) as decimal strings, deeply', () => {
    const value = { sched: { jobid: 18446744073709551000n, n: 3 }, list: [9007199254740993n, 'x', null] };
    expect(JSONScalar.serialize(value)).toEqual({
      sched: { jobid: '18446744073709551000', n: 3 },
      list: ['9007199254740993', 'x', null],
    });
  });
  it('returns a value without bigints as it is (no copy), and copies one with a bigint anywhere', () => {
    const plain = { resources: [{ type: 'node', with: [{ type: 'core', count: 4 }] }], at: new Date(0), n: null };
    expect(JSONScalar.serialize(plain)).toBe(plain);
    const deep = { a: [{ b: [{ c: 1 }, { c: 2n ** 64n - 1n }] }] };
    const serialized = JSONScalar.serialize(deep);
    expect(serialized).toEqual({ a: [{ b: [{ c: 1 }, { c: '18446744073709551615' }] }] });
    expect(deep.a[0]?.b[1]?.c).toBe(2n ** 64n - 1n);
  });
  it('converts bigints from every source: Flux fast and slow paths, nested arrays, objects built elsewhere', () => {
    const MAX = '18446744073709551615';
    // Slow path: 1e20 beside a long integer sends the line to lossless-json.
    const [slow] = parseEventlog(`{"timestamp":1.5,"name":"x","context":{"r":1e20,"ids":[[{"id":${MAX}}]]}}\n`);
    expect(JSONScalar.serialize(slow?.context)).toEqual({ r: 1e20, ids: [[{ id: MAX }]] });
    // Fast path with a long run: restored by exact-integers (a dependency id near 2^64).
    const [fast] = parseEventlog(`{"timestamp":1.5,"name":"dependency-add","context":{"after":[7,${MAX}]}}\n`);
    expect(JSONScalar.serialize(fast?.context)).toEqual({ after: [7, MAX] });
    const reply = decodeJsonPayload(
      new TextEncoder().encode(`{"id":1,"jobspec":{"attributes":{"user":{"parent":${MAX}}}}}\0`),
    ) as { jobspec: { attributes: unknown } };
    expect(JSONScalar.serialize(reply.jobspec.attributes)).toEqual({ user: { parent: MAX } });
    // Built elsewhere (job control, Elasticsearch documents): a bigint at the top, in an array, after a Date.
    expect(JSONScalar.serialize(5n)).toBe('5');
    expect(JSONScalar.serialize([null, [1, [2n]]])).toEqual([null, [1, ['2']]]);
    expect(JSONScalar.serialize({ at: new Date(0), id: -(2n ** 63n) })).toEqual({
      at: new Date(0),
      id: String(-(2n ** 63n)),
    });
  });
  it('holdsBigint answers like the walk it replaced (own enumerable properties only) on generated values', () => {
    const reference = (value: unknown): boolean => {
      if (typeof value === 'bigint') return true;
      if (value === null || typeof value !== 'object' || value instanceof Date) return false;
      if (Array.isArray(value)) return value.some(reference);
      return Object.values(value).some(reference);
    };
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const leaf = (): unknown =>
      [1, 'x', null, undefined, true, 1.5, new Date(0), 3n, () => 1][Math.floor(random() * 9)];
    const build = (depth: number): unknown => {
      const kind = depth > 4 ? 2 : Math.floor(random() * 4);
      if (kind === 0) return Array.from({ length: Math.floor(random() * 4) }, () => build(depth + 1));
      if (kind === 1) {
        // A prototype with an enumerable bigint: inherited, so never a hit.
        const object: Record<string, unknown> = random() < 0.2 ? Object.create({ inherited: 1n }) : {};
        for (let i = Math.floor(random() * 4); i > 0; i--) object[`k${i}`] = build(depth + 1);
        return object;
      }
      const value = leaf();
      return typeof value === 'bigint' && random() < 0.8 ? 1 : value;
    };
    let hits = 0;
    const mismatches: unknown[] = [];
    for (let i = 0; i < 3000; i++) {
      const value = build(0);
      if (holdsBigint(value) !== reference(value)) mismatches.push(value);
      if (reference(value)) hits++;
    }
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(100);
    expect(holdsBigint(Object.create({ inherited: 1n }))).toBe(false);
    expect(holdsBigint([, 1n])).toBe(true); // eslint-disable-line no-sparse-arrays
    expect(holdsBigint([,])).toBe(false); // eslint-disable-line no-sparse-arrays
  });
  it('accepts literals of any shape', () => {
    const ast = {
      kind: Kind.OBJECT,
      fields: [
        { kind: Kind.OBJECT_FIELD, name: { kind: Kind.NAME, value: 'a' }, value: { kind: Kind.INT, value: '1' } },
      ],
    } as const;
    expect(JSONScalar.parseLiteral(ast, {})).toEqual({ a: 1 });
  });
});
