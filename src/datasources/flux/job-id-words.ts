import { MNEMONICODE_WORDS } from './mnemonicode-words';

const BASE = 1626;
const INDEX = new Map<string, number>(MNEMONICODE_WORDS.map((w, i) => [w, i]));

function groupWords(x: number): string[] {
  return [x % BASE, Math.floor(x / BASE) % BASE, Math.floor(x / BASE / BASE)].map(
    (i) => MNEMONICODE_WORDS[i] as string,
  );
}

/** Mnemonicode form `w-w-w--w-w-w` of an unsigned 64-bit id: low 32 bits first (little-endian bytes). */
export function encodeWords(id: bigint): string {
  const low = Number(id & 0xffffffffn);
  const high = Number((id >> 32n) & 0xffffffffn);
  return `${groupWords(low).join('-')}--${groupWords(high).join('-')}`;
}

/** The id of a words form (case-insensitive, any non-letter separators), or a reason string. */
export function decodeWords(text: string): bigint | string {
  const words = text
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  if (words.length !== 6) return `a words id has 6 words, got ${words.length}`;
  const indexes: number[] = [];
  for (const w of words) {
    const i = INDEX.get(w);
    if (i === undefined) return `'${w}' is not a mnemonicode word`;
    indexes.push(i);
  }
  const groups = [0, 3].map((at) => indexes[at]! + indexes[at + 1]! * BASE + indexes[at + 2]! * BASE * BASE);
  if (groups.some((g) => g > 0xffffffff)) return 'a word group exceeds 32 bits';
  return (BigInt(groups[1]!) << 32n) | BigInt(groups[0]!);
}
