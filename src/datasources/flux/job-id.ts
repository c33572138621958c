import { BadUserInputError } from '../../errors';
import { decodeF58Digits, encodeF58, F58_PREFIX } from './job-id-f58';
import { decodeWords, encodeWords } from './job-id-words';

/** The RFC 19 forms of a Flux job id. */
export type JobIdForm = 'dec' | 'hex' | 'dothex' | 'kvs' | 'words' | 'f58';

/** Every RFC 19 form of one id. */
export type JobIdForms = Record<JobIdForm, string>;

/** FLUX_JOBID_ANY, 2^64 − 1. */
export const FLUX_JOBID_ANY = 2n ** 64n - 1n;

function dothex(id: bigint): string {
  return id
    .toString(16)
    .padStart(16, '0')
    .replace(/(....)(?!$)/g, '$1.');
}

/**
 * Writes an unsigned 64-bit id in one RFC 19 form (default `f58`, with `ƒ`):
 * `320142835712` → dec `320142835712`, hex `0x4a8a000000`, dothex `0000.004a.8a00.0000`,
 * kvs `job.0000.004a.8a00.0000`, words `ibiza-member-educate--biology-academy-academy`, f58 `ƒ9QkviT1`.
 * Throws a RangeError outside 0..2^64−1.
 */
export function formatJobId(id: bigint, form: JobIdForm = 'f58'): string {
  if (id < 0n || id > FLUX_JOBID_ANY) throw new RangeError(`job id ${id} is outside unsigned 64 bits`);
  switch (form) {
    case 'dec':
      return id.toString();
    case 'hex':
      return `0x${id.toString(16)}`;
    case 'dothex':
      return dothex(id);
    case 'kvs':
      return `job.${dothex(id)}`;
    case 'words':
      return encodeWords(id);
    case 'f58':
      return encodeF58(id);
    default: {
      const unreachable: never = form;
      throw new RangeError(`unknown job id form ${String(unreachable)}`);
    }
  }
}

/** All six forms of an id. */
export function jobIdForms(id: bigint): JobIdForms {
  return {
    dec: formatJobId(id, 'dec'),
    hex: formatJobId(id, 'hex'),
    dothex: formatJobId(id, 'dothex'),
    kvs: formatJobId(id, 'kvs'),
    words: formatJobId(id, 'words'),
    f58: formatJobId(id, 'f58'),
  };
}

function parseDothex(text: string): bigint | string {
  const groups = text.replace(/^job\./, '').split('.');
  if (groups.length !== 4 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)))
    return 'dothex ids are 4 dot-separated groups of 1 to 4 hex digits';
  return groups.reduce((n, g) => (n << 16n) | BigInt(`0x${g}`), 0n);
}

function parseReason(text: string): bigint | string {
  if (text === '') return 'it is empty';
  if (text.includes('.')) return parseDothex(text);
  if (text.includes('-')) return decodeWords(text);
  if (text.startsWith(F58_PREFIX) || text.startsWith('f')) return decodeF58Digits(text.slice(1));
  if (text.startsWith('0x')) {
    const digits = text.slice(2);
    return /^[0-9a-fA-F]{1,16}$/.test(digits) ? BigInt(text) : 'hex ids are 0x and 1 to 16 hex digits';
  }
  if (!/^[0-9]{1,20}$/.test(text)) return 'not a decimal, 0x-hex, dothex, kvs, words or f58 id';
  const n = BigInt(text);
  return n > FLUX_JOBID_ANY ? 'decimal value exceeds 64 bits' : n;
}

/**
 * Parses a job id in any RFC 19 form (decimal, `0x` hex, dothex, kvs `job.…`, words, f58 with
 * `ƒ` or ASCII `f`), surrounding whitespace trimmed. Throws {@link BadUserInputError} naming the
 * value and the rule it breaks (empty, signs, `0X`, bare `ƒ`, unknown words, values over 2^64−1).
 */
export function parseJobId(text: string): bigint {
  const result = parseReason(text.trim());
  if (typeof result === 'string')
    throw new BadUserInputError(`invalid job id ${JSON.stringify(text)}: ${result}`, { value: text });
  return result;
}
