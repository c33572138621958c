import { SignJWT, jwtVerify } from 'jose';
import type { KeyLike } from 'jose';
import { proxyUnauthorized } from './elog-sim-responses';
import type { SimReply } from './elog-sim-responses';

/** Who the proxy let through. */
export interface SimIdentity {
  user: string;
  via: 'basic' | 'kerberos' | 'bearer';
  /** Experiment a bearer token is scoped to (`scp`). */
  scope?: string;
}

/** Credentials the simulated proxy accepts. */
export interface SimProxyOptions {
  /** Password of every `<hutch>opr` account (first line of the operator password file). */
  operatorPassword: string;
  /** Hutches with an operator account, lower case. */
  hutches: ReadonlySet<string>;
  /** Extra Basic users → password. */
  basicUsers: Readonly<Record<string, string>>;
  jwtPublicKey: KeyLike;
}

const CHALLENGE: Record<string, string> = {
  'ws-auth': 'Basic realm="pswww"',
  'ws-kerb': 'Negotiate',
  'ws-jwt': 'Bearer',
};

/**
 * The proxy in front of explgbk, per prefix: `ws` passes anonymously (an incoming
 * `REMOTE-USER` is dropped with everything else); `ws-auth` Basic; `ws-kerb` only
 * `Negotiate base64("SIMKRB5:<uid>")`; `ws-jwt` a simulator-signed ARP JWT. Failure → 401.
 */
export async function proxyAuthenticate(
  prefix: string,
  authorization: string | undefined,
  options: SimProxyOptions,
): Promise<SimIdentity | undefined | SimReply> {
  if (prefix === 'ws') return undefined;
  const deny = proxyUnauthorized(CHALLENGE[prefix] ?? 'Basic realm="pswww"');
  const [scheme, credential] = (authorization ?? '').split(/\s+/, 2);
  if (!credential) return deny;
  if (prefix === 'ws-auth' && scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(credential, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const opr = /^([a-z]{3})opr$/.exec(user);
    if (colon > 0 && opr && options.hutches.has(opr[1] as string) && password === options.operatorPassword)
      return { user, via: 'basic' };
    if (colon > 0 && options.basicUsers[user] !== undefined && options.basicUsers[user] === password)
      return { user, via: 'basic' };
    return deny;
  }
  if (prefix === 'ws-kerb' && scheme?.toLowerCase() === 'negotiate') {
    const m = /^SIMKRB5:([a-z_][a-z0-9_-]*)$/.exec(Buffer.from(credential, 'base64').toString('utf8'));
    return m ? { user: m[1] as string, via: 'kerberos' } : deny;
  }
  if (prefix === 'ws-jwt' && scheme?.toLowerCase() === 'bearer') {
    try {
      const { payload } = await jwtVerify(credential, options.jwtPublicKey, { issuer: 'PCDS', algorithms: ['RS256'] });
      if (typeof payload.sub !== 'string') return deny;
      return { user: payload.sub, via: 'bearer', ...(typeof payload.scp === 'string' ? { scope: payload.scp } : {}) };
    } catch {
      return deny;
    }
  }
  return deny;
}

/** Mints an ARP token as `generate_arp_token` does: RS256, `kid PCDS_ARP`, `iss PCDS`, one experiment in `scp`. */
export async function mintArpToken(
  privateKey: KeyLike,
  user: string,
  experiment: string,
  lifetimeSeconds: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ name: user, scp: experiment })
    .setProtectedHeader({ alg: 'RS256', kid: 'PCDS_ARP' })
    .setIssuer('PCDS')
    .setSubject(user)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + lifetimeSeconds)
    .sign(privateKey);
}
