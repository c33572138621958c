/**
 * Expands a Flux/RFC 29 hostlist (`node[1-3,07],login1`) into host names, in order. Ranges keep
 * their zero padding (`n[08-10]` → n08 n09 n10). Text that is not a hostlist comes back as one
 * name. At most `limit` names (default 10000) so a huge allocation cannot blow up a document.
 */
export function expandHostlist(hostlist: string, limit = 10_000): string[] {
  const hosts: string[] = [];
  const pattern = /([^,[\]]*)(?:\[([^\]]*)\])?([^,[\]]*)(?:,|$)/g;
  for (const match of hostlist.matchAll(pattern)) {
    const [whole, prefix = '', ranges, suffix = ''] = match;
    if (whole === '') break;
    if (ranges === undefined) {
      if (prefix + suffix) hosts.push(prefix + suffix);
      continue;
    }
    for (const part of ranges.split(',')) {
      const [lo = '', hi = lo] = part.split('-');
      const width = lo.length;
      for (let n = Number(lo); n <= Number(hi) && hosts.length < limit; n += 1)
        hosts.push(`${prefix}${String(n).padStart(width, '0')}${suffix}`);
    }
    if (hosts.length >= limit) break;
  }
  return hosts.slice(0, limit);
}
