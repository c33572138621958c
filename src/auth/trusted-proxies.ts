import { BlockList, isIP } from 'node:net';

/**
 * Builds a matcher for the addresses allowed to assert the user in a proxy header
 * (`JOBGRAPH_AUTH_TRUSTED_PROXIES`: comma-separated IPs or CIDRs, IPv4 or IPv6).
 * IPv4-mapped IPv6 peers (`::ffff:127.0.0.1`) match their IPv4 entries.
 */
export function trustedProxyMatcher(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const raw of entries) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0) throw new Error(`trusted proxy "${entry}" is not an IP address or CIDR`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    if (!address) return false;
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const family = isIP(plain);
    if (family === 0) return false;
    return list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}
