import { formatReal } from '../../../src/datasources/flux/json-real';
import { janssonDump, janssonString } from '../../../src/simulators/flux/jansson-json';
import { pythonJsonDumps } from '../../../src/simulators/flux/python-json';

describe('formatReal jansson (C %.17g as jansson trims it)', () => {
  it.each([
    [0, '0.0'],
    [600, '600.0'],
    [2, '2.0'],
    [1795361589.7910175, '1795361589.7910175'],
    [1795361590.002187, '1795361590.002187'],
    [0.1, '0.10000000000000001'],
    [1e18, '1e18'],
    [1e-5, '1.0000000000000001e-5'],
    [-2.5, '-2.5'],
    [123456789012345680000, '1.2345678901234568e20'],
  ])('%p → %s', (x, text) => {
    expect(formatReal(x, 'jansson')).toBe(text);
  });
});

describe('janssonDump', () => {
  it('writes compact, raw UTF-8, / unescaped, reals by key, control characters upper-case', () => {
    const text = janssonDump(
      { id: 2n ** 63n - 1n, t_run: 5, duration: 0, n: 3, s: 'ƒa/b\u001f"', ok: true, z: null, a: [1.5] },
      new Set(['t_run', 'duration']),
    );
    expect(text).toBe(
      '{"id":9223372036854775807,"t_run":5.0,"duration":0.0,"n":3,"s":"ƒa/b\\u001F\\"","ok":true,"z":null,"a":[1.5]}',
    );
    expect(janssonString('line\n')).toBe('"line\\n"');
  });
});

describe('pythonJsonDumps (json.dumps defaults)', () => {
  it('uses spaced separators, ensure_ascii and float repr', () => {
    expect(
      pythonJsonDumps(
        { a: [1, 2], duration: 600, d0: 0, s: 'ƒ\t', f: 1.5e16, g: 1e-5, h: 0.0001 },
        (k, v) => ['duration', 'f'].includes(k) && v !== 0,
      ),
    ).toBe('{"a": [1, 2], "duration": 600.0, "d0": 0, "s": "\\u0192\\t", "f": 1.5e+16, "g": 1e-05, "h": 0.0001}');
    expect(pythonJsonDumps({ duration: 0 }, (k, v) => k === 'duration' && v !== 0)).toBe('{"duration": 0}');
  });
});
