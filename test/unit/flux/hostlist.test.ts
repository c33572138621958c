import { decodeHostlist, hostlistCount, MAX_HOSTRANGE } from '../../../src/datasources/flux/hostlist';
import {
  APPEND_NTH_CASES,
  CODEC_CASES,
  DELETE_CASES,
  FIND_CASES,
  INVALID_HOSTLISTS,
  ITERATION_CASES,
  SORT_UNIQ_CASES,
} from '../../fixtures/flux/flux-core-hostlist-cases';

const decode = (text: string): string[] => {
  const hosts = decodeHostlist(text, Infinity);
  if (hosts === undefined) throw new Error(`"${text}" should decode`);
  return hosts;
};
const sorted = (hosts: Iterable<string>): string[] => [...hosts].sort();

describe("flux-core's libhostlist cases", () => {
  test.each(INVALID_HOSTLISTS)('%s is not a hostlist', (text) => {
    expect(decodeHostlist(text)).toBeUndefined();
    expect(hostlistCount(text)).toBeUndefined();
  });

  test.each(CODEC_CASES)('$input: $count hosts, the same as its encoding $output', ({ input, output, count }) => {
    expect(decode(input)).toHaveLength(count);
    expect(hostlistCount(input)).toBe(count);
    expect(decode(input)).toEqual(decode(output));
  });

  test.each(FIND_CASES)('$host is at $index in $input', ({ input, host, index }) => {
    expect(decode(input).indexOf(host)).toBe(index);
  });

  test.each(DELETE_CASES)('$input without $remove', ({ input, remove, removed, result }) => {
    const gone = new Set(decode(remove));
    const kept = decode(input).filter((h) => !gone.has(h));
    expect(decode(input).length - kept.length).toBe(removed);
    expect(kept).toEqual(decode(result));
  });

  test.each(SORT_UNIQ_CASES)('$input sorts to $sorted, uniq $uniq', ({ input, sorted: sortedText, uniq }) => {
    expect(sorted(decode(sortedText))).toEqual(sorted(decode(input)));
    expect(sorted(decode(uniq))).toEqual(sorted(new Set(decode(input))));
  });

  test.each(ITERATION_CASES)('$input iterates in order', ({ input, first, last }) => {
    const hosts = decode(input);
    expect(hosts[0]).toBe(first);
    expect(hosts.at(-1)).toBe(last);
  });

  test.each(APPEND_NTH_CASES)('$input: $count hosts at their positions', ({ input, count, nth }) => {
    const hosts = decode(input);
    expect(hosts).toHaveLength(count);
    for (const [n, host] of Object.entries(nth)) expect(hosts[Number(n)]).toBe(host);
  });

  test('the empty text is the empty list; a range of exactly MAX_RANGE hosts is valid', () => {
    expect(decodeHostlist('')).toEqual([]);
    expect(hostlistCount(`foo[0-${MAX_HOSTRANGE - 1}]`)).toBe(MAX_HOSTRANGE);
  });
});

describe('what the project relies on', () => {
  test('ranges expand in order with the zero padding of their lower bound', () => {
    expect(decodeHostlist('node[1-3,07],login1')).toEqual(['node1', 'node2', 'node3', 'node07', 'login1']);
    expect(decodeHostlist('n[08-10]x')).toEqual(['n08x', 'n09x', 'n10x']);
    expect(decodeHostlist('sdfiana001')).toEqual(['sdfiana001']);
  });

  test('tabs and spaces separate like commas', () => {
    expect(decodeHostlist('a1 a2\ta3,, a4')).toEqual(['a1', 'a2', 'a3', 'a4']);
  });

  test('at most `limit` hosts (10000 by default), yet the whole text is validated', () => {
    expect(decodeHostlist('c[1-100000]')).toHaveLength(10_000);
    expect(decodeHostlist('c[1-100000]', 3)).toEqual(['c1', 'c2', 'c3']);
    expect(decodeHostlist('c[1-100000],bad]', 3)).toBeUndefined();
    expect(hostlistCount('c[0-1048575,0-1048575]')).toBe(2 * MAX_HOSTRANGE);
  });

  test('numbers past 2^53 keep every digit', () => {
    expect(decodeHostlist('n[18446744073709551614-18446744073709551615]')).toEqual([
      'n18446744073709551614',
      'n18446744073709551615',
    ]);
  });

  test('descending ranges and too many ranges in one pair of brackets are invalid', () => {
    expect(decodeHostlist('foo[5-1]')).toBeUndefined();
    expect(decodeHostlist(`foo[${Array.from({ length: 10_241 }, (_, i) => i).join(',')}]`)).toBeUndefined();
  });
});
