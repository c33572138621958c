import {
  referenceJanssonDump,
  referenceJanssonString,
  referencePythonJsonDumps,
  referencePythonString,
} from '../../../bench/reference/json-writer.reference';
import { SeededRandom } from '../../../src/simulators/dataset/random';
import { janssonDump, janssonDumpEscaped, janssonString } from '../../../src/simulators/flux/jansson-json';
import type { RealRule } from '../../../src/simulators/flux/json-writer';
import { pythonJsonDumps, pythonString } from '../../../src/simulators/flux/python-json';
import { randomString, randomValue } from './json-inputs';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STRINGS = 20_000;
const VALUES = 5_000;
const RULES: readonly [string, RealRule][] = [
  ['no keys', new Set()],
  ['job real keys', new Set(['timestamp', 't_run', 'duration', 'since'])],
  ['duration unless 0', (k, v) => k === 'duration' && v !== 0],
];

/** The first input on which `fast` and `reference` disagree, with both outputs. */
function firstDifference<T>(
  inputs: readonly T[],
  fast: (x: T) => string,
  reference: (x: T) => string,
): { input: T; fast: string; reference: string } | undefined {
  for (const input of inputs) {
    const [a, b] = [fast(input), reference(input)];
    if (a !== b) return { input, fast: a, reference: b };
  }
  return undefined;
}

describe('the fast JSON writers write what the pre-2026-11 writers wrote, byte for byte', () => {
  const rng = new SeededRandom(20261130);
  const strings = Array.from({ length: STRINGS }, () => randomString(rng));
  const values = Array.from({ length: VALUES }, () => randomValue(rng));

  it('generates the awkward cases (short and long, lone surrogates, controls, literal \\u)', () => {
    expect(strings.filter((s) => s.length >= 64).length).toBeGreaterThan(1000);
    expect(strings.filter((s) => s.length > 0 && s.length < 64).length).toBeGreaterThan(1000);
    expect(strings.filter((s) => LONE_SURROGATE.test(s)).length).toBeGreaterThan(100);
    expect(strings.filter((s) => [...s].some((c) => c.charCodeAt(0) < 8)).length).toBeGreaterThan(100);
    expect(strings.filter((s) => s.includes('\\u')).length).toBeGreaterThan(100);
    expect(strings.filter((s) => /^[\u0023-\u005b]+$/.test(s)).length).toBeGreaterThan(1000);
  });

  it('janssonString', () => {
    expect(firstDifference(strings, janssonString, referenceJanssonString)).toBeUndefined();
  });

  it('pythonString (ensure_ascii)', () => {
    expect(firstDifference(strings, pythonString, referencePythonString)).toBeUndefined();
  });

  it.each(RULES)('janssonDump, reals: %s', (_name, rule) => {
    expect(
      firstDifference(
        values,
        (v) => janssonDump(v, rule),
        (v) => referenceJanssonDump(v, rule),
      ),
    ).toBeUndefined();
  });

  it.each(RULES)('pythonJsonDumps, reals: %s', (_name, rule) => {
    expect(
      firstDifference(
        values,
        (v) => pythonJsonDumps(v, rule),
        (v) => referencePythonJsonDumps(v, rule),
      ),
    ).toBeUndefined();
  });

  it.each(RULES)('janssonDumpEscaped is the dump as a string literal without its quotes, reals: %s', (_name, rule) => {
    expect(
      firstDifference(
        values,
        (v) => janssonDumpEscaped(v, rule),
        (v) => referenceJanssonString(referenceJanssonDump(v, rule)).slice(1, -1),
      ),
    ).toBeUndefined();
  });

  it('a member under a real key is a real when given its key', () => {
    expect(janssonDump(5, new Set(['t_run']), 't_run')).toBe('5.0');
    expect(janssonDumpEscaped({ s: 'a"b' }, new Set())).toBe('{\\"s\\":\\"a\\\\\\"b\\"}');
  });
});
