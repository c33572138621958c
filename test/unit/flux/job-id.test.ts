import { BadUserInputError } from '../../../src/errors';
import { FLUX_JOBID_ANY, formatJobId, jobIdForms, parseJobId } from '../../../src/datasources/flux/job-id';
import { MNEMONICODE_WORDS } from '../../../src/datasources/flux/mnemonicode-words';

const TABLE: Array<[bigint, string, string, string]> = [
  [306049974272n, 'ƒ93Hb7jM', '0000.0047.4200.0000', 'aladdin-data-madonna--bikini-academy-academy'],
  [502175629312n, 'ƒEC6YN4P', '0000.0074.ec00.0000', 'welcome-network-prague--castle-academy-academy'],
  [6731191091817518n, 'ƒuZZybuNNy', '0017.e9fb.8df1.6c2e', 'reform-remote-galileo--heart-package-academy'],
  [9007199254740993n, 'ƒ2DLNrMSKui', '0020.0000.0000.0001', 'acrobat-academy-academy--unique-brave-academy'],
  [18446744073709551000n, 'ƒjpXCZedGfJo', 'ffff.ffff.ffff.fd98', 'pretty-ammonia-verbal--natural-analyze-verbal'],
  [2n ** 64n - 1n, 'ƒjpXCZedGfVQ', 'ffff.ffff.ffff.ffff', 'natural-analyze-verbal--natural-analyze-verbal'],
  [243017973760n, 'ƒ7PFfdyq', '0000.0038.9500.0000', 'imagine-bazaar-nectar--axiom-academy-academy'],
];

describe('job ids (RFC 19)', () => {
  it('vendors the 1626-word mnemonicode list', () => {
    expect(MNEMONICODE_WORDS).toHaveLength(1626);
    expect(MNEMONICODE_WORDS[0]).toBe('academy');
    expect(new Set(MNEMONICODE_WORDS).size).toBe(1626);
  });

  it('writes every form of the contract example 320142835712', () => {
    expect(jobIdForms(320142835712n)).toEqual({
      dec: '320142835712',
      hex: '0x4a8a000000',
      dothex: '0000.004a.8a00.0000',
      kvs: 'job.0000.004a.8a00.0000',
      words: 'ibiza-member-educate--biology-academy-academy',
      f58: 'ƒ9QkviT1',
    });
  });

  it.each(TABLE)('%p ↔ %s / %s / %s', (id, f58, dothex, words) => {
    expect(formatJobId(id)).toBe(f58);
    expect(formatJobId(id, 'dothex')).toBe(dothex);
    expect(formatJobId(id, 'words')).toBe(words);
    for (const text of Object.values(jobIdForms(id))) expect(parseJobId(text)).toBe(id);
    expect(parseJobId(`f${f58.slice(1)}`)).toBe(id);
    expect(parseJobId(`  ${f58}\t`)).toBe(id);
    expect(parseJobId(words.toUpperCase().replace('--', '_-'))).toBe(id);
  });

  it('round-trips every form for ids near 0, 2^53, 2^63 and 2^64', () => {
    const ids = [
      0n,
      1n,
      57n,
      58n,
      2n ** 53n - 1n,
      2n ** 53n,
      2n ** 63n - 1n,
      2n ** 63n,
      2n ** 64n - 2n,
      FLUX_JOBID_ANY,
    ];
    for (let i = 0n; i < 200n; i++) ids.push((FLUX_JOBID_ANY / 199n) * i, FLUX_JOBID_ANY - i * 7919n);
    for (const id of ids) for (const text of Object.values(jobIdForms(id))) expect(parseJobId(text)).toBe(id);
    expect(formatJobId(0n)).toBe('ƒ1');
    expect(formatJobId(0n, 'hex')).toBe('0x0');
  });

  it.each([
    '',
    '   ',
    '-5',
    '+5',
    '0X4a8a000000',
    'ƒ',
    'f',
    'ƒ0',
    'ƒO1',
    'ƒI1',
    'ƒl1',
    'ƒjpXCZedGfVR',
    'ƒ1234567890123',
    '18446744073709551616',
    '123456789012345678901',
    '0x',
    '0x10000000000000000',
    '0xg',
    '0000.004a.8a00',
    '0000.004a.8a00.0000.0000',
    '00000.004a.8a00.0000',
    'job.0000.004a.8a00.zzzz',
    'ibiza-member-educate--biology-academy',
    'ibiza-member-educate--biology-academy-nosuchword',
    'natural-analyze-yes--natural-analyze-verbal',
    'verbal-verbal-amen--academy-academy-academy',
    '12ab',
    '1.5e3',
  ])('rejects %p with a BadUserInputError naming it', (text) => {
    let caught: unknown;
    try {
      parseJobId(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BadUserInputError);
    expect((caught as Error).message).toContain(JSON.stringify(text));
  });

  it('refuses to format ids outside 64 bits', () => {
    expect(() => formatJobId(-1n)).toThrow(RangeError);
    expect(() => formatJobId(2n ** 64n)).toThrow(RangeError);
  });
});
