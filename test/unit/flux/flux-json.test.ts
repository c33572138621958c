import { JOB_REAL_KEYS, parseFluxJson, stringifyFluxJson } from '../../../src/datasources/flux/flux-json';
import { JsonReal, formatReal } from '../../../src/datasources/flux/json-real';
import { fromWireId, toWireId } from '../../../src/datasources/flux/wire-id';
import { decodeTextPayload } from '../../../src/datasources/flux/flux-payload';
import { FluxDecoder } from '../../../src/datasources/flux/flux-codec';
import { loadFluxFixtures } from '../../fixtures/flux/flux-fixtures';

describe('formatReal', () => {
  it.each([
    [0, '0.0', '0.0'],
    [-0, '-0.0', '-0.0'],
    [600, '600.0', '600.0'],
    [1795361589.7910175, '1795361589.7910175', '1795361589.7910175'],
    [1795361590.002187, '1795361590.002187', '1795361590.002187'],
    [0.1, '0.10000000000000001', '0.1'],
    [1e18, '1e18', '1e+18'],
    [1e-5, '1.0000000000000001e-5', '1e-05'],
    [0.0001, '0.0001', '0.0001'],
    [1e16, '10000000000000000.0', '1e+16'],
    [1e15, '1000000000000000.0', '1000000000000000.0'],
    [-2.5, '-2.5', '-2.5'],
    [1.2345678901234568e20, '1.2345678901234568e20', '1.2345678901234568e+20'],
    [5e-324, '4.9406564584124654e-324', '5e-324'],
  ])('%p → jansson %s, python %s', (value, jansson, python) => {
    expect(formatReal(value, 'jansson')).toBe(jansson);
    expect(formatReal(value, 'python')).toBe(python);
  });

  // Expected strings from printf's %.17g (Python's '%.17g' % x), which rounds an exact tie to
  // even; toPrecision(17) rounds it up (…063, …829.3).
  it.each([
    [1795361578.00390625, '1795361578.0039062'],
    [-1795361578.00390625, '-1795361578.0039062'],
    [1795361578.01171875, '1795361578.0117188'],
    [1474819282748829.25, '1474819282748829.2'],
    [1474819282748829.75, '1474819282748829.8'],
    [2 ** -25, '2.9802322387695312e-8'],
    [3 * 2 ** -25, '8.9406967163085938e-8'],
  ])('jansson rounds %p like printf: %s', (value, jansson) => {
    expect(formatReal(value, 'jansson')).toBe(jansson);
  });

  it('rejects non-finite values', () => {
    expect(() => formatReal(Number.NaN)).toThrow(RangeError);
    expect(() => formatReal(Infinity)).toThrow(RangeError);
  });
});

describe('parseFluxJson / stringifyFluxJson', () => {
  it('keeps integers beyond 2^53 exact as bigint and reals as numbers', () => {
    const v = parseFluxJson('{"id":9007199254740993,"small":42,"t":1795361589.7910175,"neg":-616}') as Record<
      string,
      unknown
    >;
    expect(v).toEqual({ id: 9007199254740993n, small: 42, t: 1795361589.7910175, neg: -616 });
    expect(stringifyFluxJson(v)).toBe('{"id":9007199254740993,"small":42,"t":1795361589.7910175,"neg":-616}');
  });

  it('can wrap reals so 1.0 and 1 stay distinct', () => {
    const v = parseFluxJson('{"a":1.0,"b":1}', { reals: 'wrap' }) as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(JsonReal);
    expect(v.b).toBe(1);
    expect(stringifyFluxJson(v)).toBe('{"a":1.0,"b":1}');
  });

  it('writes reals under realKeys the way the broker does', () => {
    const entry = { id: 508483862528n, t_submit: 1795361589.9793441, duration: 600, ntasks: 1, annotations: { n: 3 } };
    expect(stringifyFluxJson(entry, { realKeys: JOB_REAL_KEYS })).toBe(
      '{"id":508483862528,"t_submit":1795361589.9793441,"duration":600.0,"ntasks":1,"annotations":{"n":3}}',
    );
    expect(stringifyFluxJson({ since: new JsonReal(1e18) }, { realStyle: 'python' })).toBe('{"since":1e+18}');
  });

  it('writes strings like jansson: raw UTF-8, slash unescaped', () => {
    expect(stringifyFluxJson({ d: ['after-success=ƒEC6YN4P'], p: '/sdf/data' })).toBe(
      '{"d":["after-success=ƒEC6YN4P"],"p":"/sdf/data"}',
    );
  });

  it('refuses values the broker could not hold exactly', () => {
    expect(() => stringifyFluxJson({ id: 2 ** 60 })).toThrow(/bigint/);
    expect(() => stringifyFluxJson({ id: 2n ** 63n })).toThrow(/signed 64-bit/);
    expect(() => stringifyFluxJson({ x: Number.NaN })).toThrow(RangeError);
  });

  it('reproduces every fixture JSON payload byte for byte (reals wrapped; job-list entries via realKeys)', () => {
    const { cases } = loadFluxFixtures();
    let checked = 0;
    for (const c of cases) {
      for (const msg of new FluxDecoder().push(c.responseBytes)) {
        if (!msg.payload || msg.aux1 !== 0) continue;
        const text = decodeTextPayload(msg.payload);
        expect(stringifyFluxJson(parseFluxJson(text, { reals: 'wrap' }))).toBe(text);
        if (c.request.topic.startsWith('job-list.list'))
          expect(stringifyFluxJson(parseFluxJson(text), { realKeys: JOB_REAL_KEYS })).toBe(text);
        checked++;
      }
      const request = c.request.payload;
      expect(stringifyFluxJson(parseFluxJson(request, { reals: 'wrap' }), { realStyle: 'python' })).toBe(request);
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe('wire ids', () => {
  it('turns ids ≥ 2^63 into their negative two’s complement and back', () => {
    expect(toWireId(18446744073709551000n)).toBe(-616n);
    expect(fromWireId(-616)).toBe(18446744073709551000n);
    expect(fromWireId(-1n)).toBe(2n ** 64n - 1n);
    expect(toWireId(2n ** 63n - 1n)).toBe(2n ** 63n - 1n);
    expect(toWireId(2n ** 63n)).toBe(-(2n ** 63n));
    expect(fromWireId(-(2n ** 63n))).toBe(2n ** 63n);
    expect(fromWireId(320142835712)).toBe(320142835712n);
  });

  it('goes through JSON exactly', () => {
    for (const id of [0n, 2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 64n - 2n, 2n ** 64n - 1n]) {
      const text = stringifyFluxJson({ id: toWireId(id) });
      expect(fromWireId((parseFluxJson(text) as { id: unknown }).id)).toBe(id);
    }
  });

  it('rejects what is not a 64-bit integer', () => {
    expect(() => fromWireId(1.5)).toThrow(RangeError);
    expect(() => fromWireId('12')).toThrow(RangeError);
    expect(() => fromWireId(2n ** 63n)).toThrow(RangeError);
    expect(() => toWireId(-1n)).toThrow(RangeError);
    expect(() => toWireId(2n ** 64n)).toThrow(RangeError);
  });
});
