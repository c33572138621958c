import { decodeHostlist } from '../../datasources/flux/hostlist';

const hostCache = new Map<string, ReadonlySet<string>>();
const idsetCache = new Map<string, ReadonlySet<number>>();
const CACHE_LIMIT = 10000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The hosts of an RFC 29 hostlist as a set (the project's one parser, `decodeHostlist`); an empty
 * set when the text is not a valid hostlist. Memoized: job nodelists repeat in every scan.
 */
export function hostlistHosts(text: string): ReadonlySet<string> {
  return hostCache.get(text) ?? remember(hostCache, text, new Set(decodeHostlist(text) ?? []));
}

/** The members of an RFC 22 idset (`0-3,7`); empty when invalid. Memoized. */
export function idsetMembers(text: string): ReadonlySet<number> {
  const cached = idsetCache.get(text);
  if (cached) return cached;
  const ids = new Set<number>();
  for (const range of text.replace(/^\[|\]$/g, '').split(',')) {
    const r = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!r) return remember(idsetCache, text, new Set());
    const [, lo = '', hi = lo] = r;
    for (let n = Number(lo); n <= Number(hi); n++) ids.add(n);
  }
  return remember(idsetCache, text, ids);
}
