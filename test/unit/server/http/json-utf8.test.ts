import { jsonUtf8, LONG_STRING } from '../../../../src/server/http/json-utf8';
import { SeededRandom } from '../../../../src/simulators/dataset/random';
import { randomString, randomValue } from '../../simulators/json-inputs';

/** What the writer must equal: JSON.stringify's text (and a newline) as UTF-8. */
const expected = (value: unknown, newline = false): Buffer =>
  Buffer.from(`${JSON.stringify(value)}${newline ? '\n' : ''}`, 'utf8');

/** Numbers JSON.stringify writes in every form: signs, exponents, the smallest, non-finite (null). */
const NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.1,
  1e21,
  1e-7,
  123456789.125,
  Number.MAX_SAFE_INTEGER,
  2 ** 64,
  5e-324,
  NaN,
  Infinity,
  -Infinity,
];

/** A JSON-like value: awkward strings, numbers, skipped members, null-prototype objects, index-like keys, holes. */
function generate(rng: SeededRandom, depth: number): unknown {
  const next = (): number => rng.next();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const text = (): string => randomString(rng, 12);
  const kind = Math.floor(next() * (depth > 4 ? 6 : 10));
  switch (kind) {
    case 0:
      return text();
    case 1:
      return pick(NUMBERS);
    case 2:
      return next() < 0.5;
    case 3:
      return null;
    case 4:
      return pick([undefined, () => 1, Symbol('s')]);
    case 5:
      return Math.floor(next() * 2 ** 31) - 2 ** 30;
    case 6:
    case 7: {
      const record: Record<string, unknown> = next() < 0.2 ? Object.create(null) : {};
      for (let i = Math.floor(next() * 6); i > 0; i--)
        record[next() < 0.2 ? String(Math.floor(next() * 20)) : text()] = generate(rng, depth + 1);
      return record;
    }
    default: {
      const list = Array.from({ length: Math.floor(next() * 6) }, () => generate(rng, depth + 1));
      if (next() < 0.1) list.length += 2; // holes
      return list;
    }
  }
}

describe('jsonUtf8 (an answer as the UTF-8 bytes of JSON.stringify, written from the value)', () => {
  it('equals JSON.stringify as UTF-8 on 5,000 generated values (escapes, surrogates, numbers, holes, skipped values)', () => {
    for (let seed = 1; seed <= 5_000; seed++) {
      const value = { data: generate(new SeededRandom(seed), 0), extensions: seed % 7 === 0 ? { n: seed } : undefined };
      const bytes = jsonUtf8(value, seed % 2 === 0);
      if (!bytes?.equals(expected(value, seed % 2 === 0)))
        throw new Error(`seed ${seed}: ${bytes?.toString('utf8')} != ${JSON.stringify(value)}`);
    }
  });

  it('equals JSON.stringify on the Flux writers’ awkward inputs (2,000 values; those holding a bigint left to it)', () => {
    const holdsBigint = (value: unknown): boolean =>
      typeof value === 'bigint' ||
      (value !== null && typeof value === 'object' && Object.values(value).some((item) => holdsBigint(item)));
    for (let seed = 1; seed <= 2_000; seed++) {
      const value = { data: randomValue(new SeededRandom(seed)) };
      const bytes = jsonUtf8(value, true);
      if (holdsBigint(value)) expect(bytes).toBeUndefined();
      else if (!bytes?.equals(expected(value, true))) throw new Error(`seed ${seed}: ${JSON.stringify(value)}`);
    }
  });

  it('equals JSON.stringify for a page-sized two-byte answer, one-byte text, and every single character', () => {
    const page = {
      data: {
        jobs: {
          edges: Array.from({ length: 500 }, (_, i) => ({
            node: {
              id: `ƒ${i.toString(36)}Hq`,
              eventlog: [{ name: 'submit', timestamp: '2026-12-06T05:28:30.398Z', context: { userid: i, note: '' } }],
              jobspec: { command: ['bash', 'x.sh'], attributes: { system: { cwd: '/sdf/é' } }, resources: [] },
            },
          })),
          pageInfo: { hasNextPage: true, endCursor: 'abc' },
        },
      },
    };
    expect(jsonUtf8(page, true)?.equals(expected(page, true))).toBe(true);
    const ascii = { data: { s: 'x'.repeat(100_000) } };
    expect(jsonUtf8(ascii)?.equals(expected(ascii))).toBe(true);
    for (let code = 0; code < 0x10000; code++) {
      const value = { s: String.fromCharCode(code) };
      if (!jsonUtf8(value)?.equals(expected(value))) throw new Error(`U+${code.toString(16)}`);
    }
  });

  it('equals JSON.stringify for strings and keys around the native-write threshold, with and without escapes', () => {
    // Each awkward piece at the start, the middle and the end of strings of lengths around LONG_STRING
    // (native Buffer.write at and above it when nothing needs escaping; the loops below it or otherwise).
    const pieces = [
      '',
      '"',
      '\\',
      '\n',
      '\u0000',
      '\u001f',
      '\u007f',
      'é',
      'ƒ',
      '中',
      '\ud83d\ude00',
      '\ud800',
      '\udfff',
      '\udc00\ud800',
    ];
    const fill = (n: number): string => 'abcdefghij/-. 0123456789'.repeat(Math.ceil(n / 24)).slice(0, Math.max(0, n));
    let checked = 0;
    for (let length = LONG_STRING - 4; length <= LONG_STRING + 4; length++)
      for (const piece of pieces)
        for (const where of ['start', 'middle', 'end'] as const) {
          const body = fill(length - piece.length);
          const half = body.length >> 1;
          const text =
            where === 'start'
              ? piece + body
              : where === 'end'
                ? body + piece
                : body.slice(0, half) + piece + body.slice(half);
          const value = { [text]: text, list: [text, { [text]: [text] }], after: text };
          if (!jsonUtf8(value)?.equals(expected(value)))
            throw new Error(`${where} ${JSON.stringify(piece)} length ${length}`);
          checked++;
        }
    expect(checked).toBe(9 * 14 * 3);
    for (const text of [
      'é'.repeat(5_000),
      'ƒ'.repeat(LONG_STRING),
      '中'.repeat(70_000),
      'x'.repeat(LONG_STRING) + '\ud800',
    ]) {
      const value = { a: text, [text]: 1 };
      expect(jsonUtf8(value)?.equals(expected(value))).toBe(true);
    }
    // A key needing escapes after a first member and first (the comma stays; the key is written by the general loop).
    for (const key of ['"', 'a\\b', '\n', 'é', '\ud800', 'ok'])
      for (const value of [{ first: 1, [key]: 2 }, { [key]: 1, next: 2 }, { [key]: { [key]: [key] } }])
        expect(jsonUtf8(value)?.equals(expected(value))).toBe(true);
  });

  it('writes integers as String(n) does at the digit and 32-bit boundaries, and other numbers by String', () => {
    const values: number[] = [0, -0, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 32, -(2 ** 53)];
    for (let power = 1; power <= 1e10; power *= 10) values.push(power, power - 1, -power, 1 - power, power + 1);
    const rng = new SeededRandom(7);
    for (let i = 0; i < 2_000; i++)
      values.push(Math.floor((rng.next() - 0.5) * 2 ** (1 + Math.floor(rng.next() * 33))));
    values.push(0.5, -1.5, 1e21, 1e-7, NaN, -Infinity);
    const value = { values, each: values.map((n) => ({ n })) };
    expect(jsonUtf8(value)?.equals(expected(value))).toBe(true);
  });

  it('applies an array item’s toJSON before deciding what it writes: undefined, a function or a symbol as null', () => {
    const value = [
      { toJSON: () => undefined },
      { toJSON: () => () => 1 },
      { toJSON: (key: string) => key },
      { toJSON: () => ({ toJSON: () => 'not called again' }) },
      undefined,
    ];
    const bytes = jsonUtf8({ value });
    expect(bytes?.toString('utf8')).toBe(JSON.stringify({ value }));
  });

  it('calls toJSON with the property name or index as JSON.stringify does, and writes Dates', () => {
    const keys: string[] = [];
    const spy = { toJSON: (key: string) => (keys.push(key), { at: key }) };
    const value = {
      a: spy,
      list: [1, spy],
      when: new Date(Date.UTC(2026, 11, 7)),
      top: { toJSON: () => undefined, x: 1 },
    };
    const skipped = { a: spy, list: [1, spy], when: new Date(Date.UTC(2026, 11, 7)) };
    const bytes = jsonUtf8(skipped);
    expect(keys).toEqual(['a', '1']);
    expect(bytes?.equals(expected(skipped))).toBe(true);
    // toJSON answering undefined: left to JSON.stringify (undefined), which then writes it as it does.
    expect(jsonUtf8(value)).toBeUndefined();
    expect(jsonUtf8({ toJSON: () => ({ whole: true }) })?.toString('utf8')).toBe('{"whole":true}');
  });

  it('leaves to JSON.stringify what it does not write itself: bigints, class instances, boxed primitives, raw JSON, cycles, deep nesting', () => {
    class Point {
      x = 1;
    }
    const cycle: Record<string, unknown> = { a: 1 };
    cycle['self'] = cycle;
    let deep: unknown = 1;
    for (let i = 0; i < 1_000; i++) deep = [deep];
    const raw = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON('12');
    for (const value of [
      { n: 1n },
      { p: new Point() },
      { s: new String('x') },
      { r: raw },
      cycle,
      { deep },
      { m: new Map() },
      { f: Object.assign(() => 1, { toJSON: () => 'f' }) },
    ])
      expect(jsonUtf8(value)).toBeUndefined();
  });

  it('leaves everything to JSON.stringify while Object.prototype has an enumerable key or a toJSON', () => {
    const value = { a: { b: 1 } };
    Object.defineProperty(Object.prototype, 'polluted', { value: 1, enumerable: true, configurable: true });
    try {
      expect(jsonUtf8(value)).toBeUndefined();
    } finally {
      delete (Object.prototype as Record<string, unknown>)['polluted'];
    }
    expect(jsonUtf8(value)?.equals(expected(value))).toBe(true);
  });

  it('answers undefined when called again from inside a toJSON (one writer at a time)', () => {
    let inner: Buffer | undefined | null = null;
    const value = { a: { toJSON: () => ((inner = jsonUtf8({ b: 1 })), 'x') } };
    expect(jsonUtf8(value)?.toString('utf8')).toBe('{"a":"x"}');
    expect(inner).toBeUndefined();
    expect(jsonUtf8({ b: 1 })?.toString('utf8')).toBe('{"b":1}');
  });
});
