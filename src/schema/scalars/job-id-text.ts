// Interim: the subset of RFC 19 the gateway needs until src/datasources/flux/job-id.ts lands.
const F58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const MAX = (1n << 64n) - 1n;

/** f58 with `ƒ`. */
export function formatJobIdF58(id: bigint): string {
  let n = id;
  let out = '';
  do {
    out = F58[Number(n % 58n)] + out;
    n /= 58n;
  } while (n > 0n);
  return `ƒ${out}`;
}

/** Parses f58/decimal/hex/dothex/kvs; undefined when invalid. */
export function parseJobIdText(raw: string): bigint | undefined {
  const text = raw.trim();
  let id: bigint | undefined;
  if (text.includes('.')) {
    const groups = text.replace(/^job\./, '').split('.');
    if (groups.length === 4 && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) id = BigInt(`0x${groups.map((g) => g.padStart(4, '0')).join('')}`);
  } else if (/^[ƒf][1-9A-HJ-NP-Za-km-z]{1,12}$/.test(text)) {
    id = [...text.slice(text.startsWith('ƒ') ? 1 : 1)].reduce((acc, c) => acc * 58n + BigInt(F58.indexOf(c)), 0n);
  } else if (/^0x[0-9a-fA-F]{1,16}$/.test(text)) id = BigInt(text);
  else if (/^\d{1,20}$/.test(text)) id = BigInt(text);
  return id !== undefined && id <= MAX ? id : undefined;
}
