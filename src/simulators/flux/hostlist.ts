const hostCache = new Map<string, ReadonlySet<string>>();
const idsetCache = new Map<string, ReadonlySet<number>>();
const CACHE_LIMIT = 10000;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/**
 * The hosts of an RFC 29 hostlist (`sdfmilan[001-004,007],vm`), zero padding kept; an empty
 * set when the text is not a valid hostlist. Memoized: job nodelists repeat.
 */
export function hostlistHosts(text: string): ReadonlySet<string> {
  const cached = hostCache.get(text);
  if (cached) return cached;
  const hosts = new Set<string>();
  const parts = text.match(/[^,[\]]*(\[[^\]]*\])?[^,[\]]*/g) ?? [];
  for (const part of parts) {
    if (part === '') continue;
    const m = /^([^[\]]*)(?:\[([^\]]*)\])?([^[\]]*)$/.exec(part);
    if (!m) return remember(hostCache, text, new Set());
    const [, prefix = '', ranges, suffix = ''] = m;
    if (ranges === undefined) {
      hosts.add(part);
      continue;
    }
    for (const range of ranges.split(',')) {
      const r = /^(\d+)(?:-(\d+))?$/.exec(range);
      if (!r) return remember(hostCache, text, new Set());
      const [, lo = '', hi = lo] = r;
      for (let n = Number(lo); n <= Number(hi); n++)
        hosts.add(`${prefix}${String(n).padStart(lo.length, '0')}${suffix}`);
    }
  }
  return remember(hostCache, text, hosts);
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
