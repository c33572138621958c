import { Kind } from 'graphql';
import { JobgraphError } from '../../../src/errors';
import { DateTimeScalar } from '../../../src/schema/scalars/date-time.scalar';
import { JobIdScalar } from '../../../src/schema/scalars/job-id.scalar';
import { JSONScalar } from '../../../src/schema/scalars/json.scalar';

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
