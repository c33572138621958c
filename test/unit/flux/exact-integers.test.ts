import { parseFluxJson, parseLosslessJson } from '../../../src/datasources/flux/flux-json';
import { hasLongDigitRun, restoreExactIntegers } from '../../../src/datasources/flux/exact-integers';
import { mapJobEvent, parseEventlog } from '../../../src/datasources/flux/job-event.mapper';
import { seededRandom } from '../../support/seeded-random';

/** A typed rendering, so 1n and 1 (or "1") never compare equal. */
function typed(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'bigint' ? `bigint:${v}` : typeof v === 'number' ? `number:${Object.is(v, -0) ? '-0' : v}` : v,
  );
}

const BIG = [
  '18446744073709551615',
  '18446744073709551614',
  '9223372036854775807',
  '-9223372036854775808',
  '9007199254740993',
  '9007199254740992',
  '9007199254740991',
  '-9007199254740993',
  '12345678901234567890123',
  '9007199254753337',
  '9007199254753338',
];
const REALS = [
  '0.0',
  '1.0',
  '1795361589.7910175',
  '-2.5',
  '1e20',
  '1E+20',
  '9007199254740993.0',
  '100000000000000000000.0',
  '1.8446744073709552e19',
  '5e-324',
  '9007199254753337.5',
];
const STRINGS = [
  '"plain"',
  '"id 9007199254740993 in text"',
  '"x-9007199254740993"',
  '"\\"9007199254740992\\":1"',
  '"12345678901234567890123.5"',
  '"a\\\\"',
  '"1e20"',
  '"ƒ2ZvMgb"',
];

function literal(rand: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const r = rand();
  if (depth < 3 && r < 0.2) {
    const keys = ['id', 'userid', 't_submit', 'name', 'id', 'x'];
    const n = Math.floor(rand() * 5);
    return `{${Array.from({ length: n }, () => `"${pick(keys)}":${literal(rand, depth + 1)}`).join(',')}}`;
  }
  if (depth < 3 && r < 0.3)
    return `[${Array.from({ length: Math.floor(rand() * 4) }, () => literal(rand, depth + 1)).join(',')}]`;
  if (r < 0.55) return pick(BIG);
  if (r < 0.7) return pick(REALS);
  if (r < 0.85) return pick(STRINGS);
  return pick(['0', '-1', '42', 'true', 'null', '4294967295']);
}

describe('parseFluxJson fast path (JSON.parse + restoreExactIntegers)', () => {
  it('equals lossless-json on 10,000 generated documents with big integers, big reals and look-alike strings', () => {
    const rand = seededRandom(20261130);
    let fast = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = `{"v":${literal(rand, 0)},"w":${literal(rand, 0)}}`;
      expect(typed(parseFluxJson(text))).toBe(typed(parseLosslessJson(text)));
      if (restoreExactIntegers(JSON.parse(text), text)) fast++;
    }
    // Both paths are exercised: most documents go the fast way, the uncertain ones do not.
    expect(fast).toBeGreaterThan(2_000);
    expect(fast).toBeLessThan(10_000);
  });

  it('equals lossless-json on 10,000 generated replies with a leading id (the no-scan path), duplicates and odd spacing included', () => {
    const rand = seededRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const prefixes = ['{"jobs":[{"id":', '{"id":', '{"job":{"id":'];
    const tails = [
      '',
      ',"id":9007199254740992',
      ',"id" :9007199254740993',
      ',"x":"\\"id\\":1"',
      ',"n":{"id":18446744073709551615}',
      ',"t":1e20',
      ',"s":"9007199254740992"',
      ',"i\\u0064":9007199254740992',
      ',"\\u0069d":9.007199254740992e15',
      ',"\\u0069\\u0064":7',
    ];
    for (let i = 0; i < 10_000; i++) {
      const prefix = pick(prefixes);
      const close = prefix.startsWith('{"jobs"') ? '}]}' : prefix.startsWith('{"job"') ? '}}' : '}';
      const text = `${prefix}${pick(BIG)},"userid":1001${pick(tails)}${close}`;
      expect(typed(parseFluxJson(text))).toBe(typed(parseLosslessJson(text)));
    }
  });

  it('recovers ids near 2^64 exactly on the fast path', () => {
    const text =
      '{"jobs":[{"id":18446744073709551615,"userid":1001,"t_submit":1795361589.7910175,"name":"a 18446744073709551615"}],"version":1}';
    const parsed: unknown = JSON.parse(text);
    expect(restoreExactIntegers(parsed, text)).toBe(true);
    expect((parsed as { jobs: Array<{ id: unknown }> }).jobs[0]?.id).toBe(18446744073709551615n);
  });

  it.each([
    ['an exponent real of that size beside a long integer', '{"a":1e20,"b":9007199254740993}'],
    ['a long real', '{"a":9007199254740993.0}'],
    ['two literals rounding to one double', '{"a":9007199254740993,"b":9007199254740992}'],
    [
      'a look-alike run in a string rounding the same but spelled differently',
      '{"a":9007199254740993,"s":"9007199254740992"}',
    ],
  ])('gives up (lossless-json decides) on %s', (_what, text) => {
    expect(restoreExactIntegers(JSON.parse(text), text)).toBe(false);
    expect(typed(parseFluxJson(text))).toBe(typed(parseLosslessJson(text)));
  });

  it('keeps reals beyond 2^53 as numbers and integers as bigints when both appear', () => {
    const v = parseFluxJson('{"r":1e20,"i":100000000000000000000}') as Record<string, unknown>;
    expect(v.r).toBe(1e20);
    expect(v.i).toBe(100000000000000000000n);
  });
});

describe('the no-scan path: texts without a run of 16+ digits but the leading id', () => {
  it('finds a run of 16+ digits wherever it lies, and not a shorter one (every offset and length)', () => {
    for (let length = 1; length <= 40; length++)
      for (let at = 0; at < 40; at++) {
        const text = `${'x'.repeat(at)}${'7'.repeat(length)}y${'1'.repeat(15)}`;
        expect([length, at, hasLongDigitRun(text)]).toEqual([length, at, length >= 16]);
        // `from` cuts a run: only its digits from `from` on count.
        expect(hasLongDigitRun(text, at + 1)).toBe(length - 1 >= 16);
      }
    expect(hasLongDigitRun('1795361578.7532885,1795361578.7760675 -999999999999999')).toBe(false);
    expect(hasLongDigitRun('-9007199254740993')).toBe(true);
  });

  it('answers as /\\d{16}/ on the text from `from` on, for 20,000 random texts of digit runs of every length', () => {
    const rand = seededRandom(1619);
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      while (text.length < 120) {
        const run = Math.floor(rand() * 20);
        // Runs from 0 to 19 digits, separated by one or two non-digits ('.', ':', 'e', a quote).
        text += '9'.repeat(run) + ['.', ':"', 'e', '"', '/'][Math.floor(rand() * 5)];
      }
      const from = Math.floor(rand() * 40);
      expect([text, from, hasLongDigitRun(text, from)]).toEqual([text, from, /\d{16}/.test(text.slice(from))]);
    }
  });

  it.each([
    ['an exponent real beyond 2^53 alone (a number on both paths)', '{"a":1e20,"b":"x"}'],
    [
      '15-digit integers, reals, unicode and escapes',
      '{"a":999999999999999,"t":1795361578.7532885,"s":"ƒ2ZvMgb \\u00e9 \\"q\\" \\n"}',
    ],
    ['nested arrays and objects', '{"a":[[1,{"b":[-0,2.5e-3]}],{"c":{"d":null}}],"e":true}'],
  ])('returns JSON.parse as it is on %s', (_what, text) => {
    const parsed: unknown = JSON.parse(text);
    expect(restoreExactIntegers(parsed, text)).toBe(true);
    expect(typed(parsed)).toBe(typed(parseLosslessJson(text)));
  });

  it.each([
    [
      'a lookup reply',
      '{"id":18446744073709551615,"eventlog":"{\\"timestamp\\":1795361578.7532885,\\"name\\":\\"submit\\"}\\n"}',
    ],
    [
      'a job-list reply',
      '{"jobs":[{"id":18446744073709551614,"userid":1001,"t_submit":1795361589.7910175,"name":"ƒ"}]}',
    ],
    ['a list-id reply', '{"job":{"id":9007199254740993,"state":64}}'],
    ['a negative leading id', '{"id":-9223372036854775808,"x":1}'],
  ])('gives the leading id of %s exactly (near 2^64), and nothing else changes', (_what, text) => {
    expect(typed(parseFluxJson(text))).toBe(typed(parseLosslessJson(text)));
  });

  it.each([
    [
      'a duplicate id in exponent form rounding like the leading one',
      '{"id":9007199254740994,"id":9.007199254740994e15}',
    ],
    ['a duplicate id further in', '{"id":18446744073709551615,"x":{"y":1},"id":5}'],
    ['a later duplicate `jobs` holding null', '{"jobs":[{"id":18446744073709551615}],"jobs":null}'],
    ['a later duplicate `job` holding a string', '{"job":{"id":18446744073709551615},"job":"s"}'],
    ['a leading id then a long run in a string', '{"id":18446744073709551615,"s":"18446744073709551614"}'],
    // A key spelled with an escape is the same key to JSON.parse (the last one wins), unseen by a look for `id"`.
    ['an escaped duplicate id rounding like the leading one', '{"id":9007199254740993,"i\\u0064":9007199254740992}'],
    ['an escaped duplicate id in a job-list entry', '{"jobs":[{"id":9007199254740993,"\\u0069d":9007199254740992}]}'],
    ['an escaped duplicate id in exponent form', '{"id":9007199254740993,"x":1,"\\u0069\\u0064":9.007199254740992e15}'],
    ['an escaped duplicate id holding a small integer', '{"job":{"id":18446744073709551615,"i\\u0064":5}}'],
    ['an escaped key that is not id', '{"id":18446744073709551615,"\\u0078":1}'],
  ])('equals lossless-json on %s', (_what, text) => {
    expect(typed(parseFluxJson(text))).toBe(typed(parseLosslessJson(text)));
  });
});

describe('parseEventlog', () => {
  const line = (fields: string): string => `{"timestamp":1795361578.7532885,"name":"submit"${fields}}`;

  it('parses every line as lossless-json does: ids near 2^64 in a context, floats, unicode, escapes, nesting', () => {
    const lines = [
      line(',"context":{"userid":1001,"urgency":16,"flags":0,"version":1}'),
      line(',"context":{"dependency":18446744073709551615,"id":9007199254740993}'),
      line(',"context":{"note":"caf\\u00e9 ƒ \\"quoted\\" \\\\ \\n/","list":[1.5e-7,-0.0,[{"a":[]}]]}'),
      line(''),
    ];
    for (const text of [lines.join('\n') + '\n', lines.join('\n'), `\n  ${lines.join('\n \n')}\r\n\n`, '', '\n']) {
      const events = parseEventlog(text);
      const expected = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => parseLosslessJson(l.trim()) as Record<string, unknown>);
      expect(typed(events)).toBe(typed(expected));
    }
    expect(parseEventlog(lines.join('\n'))[1]?.context).toEqual({
      dependency: 18446744073709551615n,
      id: 9007199254740993n,
    });
  });

  it('parses exactly without big integers too (the JSON.parse path), and refuses a broken line', () => {
    const events = parseEventlog(`${line(',"context":{"priority":16}')}\n${line('')}\n`);
    expect(events).toEqual([
      { timestamp: 1795361578.7532885, name: 'submit', context: { priority: 16 } },
      { timestamp: 1795361578.7532885, name: 'submit' },
    ]);
    expect(() => parseEventlog(`${line('')}\n{"timestamp":1,"name":"x"`)).toThrow(/eventlog line is not JSON/);
    expect(() => parseEventlog('[1\n2]')).toThrow(/eventlog line is not JSON/);
    // From `{` to `}` (not trimmed) yet not one JSON value: the same error.
    expect(() => parseEventlog(`${line('')}\n{"timestamp":1,"name":"x"}}\n`)).toThrow(/eventlog line is not JSON/);
    expect(() => parseEventlog(`{"timestamp":1}\n`)).toThrow(/lacks a numeric timestamp or a name/);
  });

  it('equals lossless-json line by line on 2,000 generated eventlogs: spacing, blank lines, CR, NBSP, big integers', () => {
    const rand = seededRandom(2027);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const bodies = [
      line(''),
      line(',"context":{"userid":1001,"urgency":16}'),
      line(',"context":{"id":18446744073709551615}'),
      line(',"context":{"note":"a}\\n{b","n":[1,2]}'),
      line(',"context":null'),
      '{ "name" : "start" , "timestamp" : 1.5 }',
    ];
    const around = ['', ' ', '\t', '\r', '\u00a0', '  \r'];
    for (let n = 0; n < 2_000; n++) {
      const lines = Array.from({ length: Math.floor(rand() * 8) }, () =>
        rand() < 0.1
          ? pick(around)
          : `${rand() < 0.2 ? pick(around) : ''}${pick(bodies)}${rand() < 0.2 ? pick(around) : ''}`,
      );
      const text = lines.join('\n') + (rand() < 0.7 ? '\n' : '');
      const expected = text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => mapJobEvent(parseLosslessJson(l.trim())));
      expect(typed(parseEventlog(text))).toBe(typed(expected));
    }
  });
});
