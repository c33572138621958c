import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { createAuthenticator } from '../../../src/auth/authenticate';
import type { AuthOptions } from '../../../src/auth/authenticate';
import { trustedProxyMatcher } from '../../../src/auth/trusted-proxies';

const base: AuthOptions = {
  mode: 'none',
  gatewayUser: 'flux',
  operators: ['flux', 'opsadmin'],
  proxyHeader: 'x-remote-user',
  trustedProxies: ['127.0.0.1', '10.1.0.0/16'],
};

describe('trusted proxies', () => {
  it('matches addresses and subnets, including IPv4-mapped IPv6 peers', () => {
    const trusted = trustedProxyMatcher(['127.0.0.1', '10.1.0.0/16', '::1']);
    expect(trusted('127.0.0.1')).toBe(true);
    expect(trusted('::ffff:127.0.0.1')).toBe(true);
    expect(trusted('10.1.200.3')).toBe(true);
    expect(trusted('10.2.0.1')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('not-an-ip')).toBe(false);
  });
  it('rejects a malformed entry at start', () => {
    expect(() => trustedProxyMatcher(['proxy.example'])).toThrow(/not an IP address/);
  });
});

describe('auth mode none', () => {
  it('acts as the gateway user (the Flux owner), who sees everything', async () => {
    const auth = await createAuthenticator({ ...base, operators: [] });
    await expect(auth({ headers: { 'x-remote-user': 'mallory' }, remoteAddress: '127.0.0.1' })).resolves.toEqual({
      user: 'flux',
      via: 'none',
      isOperator: true,
    });
  });
});

describe('auth mode proxy-header', () => {
  const options: AuthOptions = { ...base, mode: 'proxy-header' };
  it('takes the user from a trusted proxy', async () => {
    const auth = await createAuthenticator(options);
    await expect(auth({ headers: { 'x-remote-user': 'alice' }, remoteAddress: '::ffff:127.0.0.1' })).resolves.toEqual({
      user: 'alice',
      via: 'proxy-header',
      isOperator: false,
    });
    await expect(auth({ headers: { 'x-remote-user': 'opsadmin' }, remoteAddress: '10.1.3.4' })).resolves.toMatchObject({
      isOperator: true,
    });
  });
  it('ignores the header from anyone else', async () => {
    const auth = await createAuthenticator(options);
    await expect(auth({ headers: { 'x-remote-user': 'flux' }, remoteAddress: '192.0.2.7' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });
  it('rejects a missing or malformed user', async () => {
    const auth = await createAuthenticator(options);
    await expect(auth({ headers: {}, remoteAddress: '127.0.0.1' })).rejects.toThrow(/did not set a valid user/);
    await expect(auth({ headers: { 'x-remote-user': '../../etc' }, remoteAddress: '127.0.0.1' })).rejects.toThrow(
      /did not set a valid user/,
    );
  });
});

describe('auth mode jwt with a key file', () => {
  let options: AuthOptions;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const dir = mkdtempSync(join(tmpdir(), 'jobgraph-jwt-'));
    const keyFile = join(dir, 'public.pem');
    writeFileSync(keyFile, await exportSPKI(pair.publicKey));
    options = {
      ...base,
      mode: 'jwt',
      jwt: {
        keyFile,
        issuer: 'https://sso.example',
        audience: 'jobgraph',
        userClaim: 'preferred_username',
        roleClaim: 'realm_access.roles',
        operatorRole: 'jobgraph-operator',
        maxAgeSeconds: 86_400,
        clockToleranceSeconds: 30,
      },
    };
  });
  const sign = (claims: Record<string, unknown>, overrides: { iss?: string; aud?: string; exp?: string } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(overrides.iss ?? 'https://sso.example')
      .setAudience(overrides.aud ?? 'jobgraph')
      .setIssuedAt()
      .setExpirationTime(overrides.exp ?? '5m')
      .sign(privateKey);
  const request = (token: string) => ({ headers: { authorization: `Bearer ${token}` }, remoteAddress: '192.0.2.1' });

  it('takes the user from the configured claim and the operator role from a nested claim', async () => {
    const auth = await createAuthenticator(options);
    await expect(auth(request(await sign({ preferred_username: 'bob' })))).resolves.toEqual({
      user: 'bob',
      via: 'jwt',
      isOperator: false,
    });
    await expect(
      auth(request(await sign({ preferred_username: 'carol', realm_access: { roles: ['jobgraph-operator'] } }))),
    ).resolves.toMatchObject({ user: 'carol', isOperator: true });
  });
  it('rejects the wrong issuer, the wrong audience, an expired token and a missing header', async () => {
    const auth = await createAuthenticator(options);
    await expect(
      auth(request(await sign({ preferred_username: 'bob' }, { iss: 'https://evil.example' }))),
    ).rejects.toThrow(/claim "iss"/);
    await expect(auth(request(await sign({ preferred_username: 'bob' }, { aud: 'other' })))).rejects.toThrow(
      /claim "aud"/,
    );
    await expect(auth(request(await sign({ preferred_username: 'bob' }, { exp: '-1m' })))).rejects.toThrow(/expired/);
    await expect(auth({ headers: {}, remoteAddress: '127.0.0.1' })).rejects.toThrow(/bearer token is required/);
  });
  it('rejects a token signed with another key', async () => {
    const auth = await createAuthenticator(options);
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ preferred_username: 'flux' })
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer('https://sso.example')
      .setAudience('jobgraph')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey);
    await expect(auth(request(forged))).rejects.toThrow(/signature verification failed/);
  });
  // Regression: a token without exp was accepted forever, any age, and an RS256 key also took PS256.
  it('requires exp and iat, refuses tokens older than the maximum age or issued in the future, and only the key’s algorithm', async () => {
    const auth = await createAuthenticator(options);
    const base = () =>
      new SignJWT({ preferred_username: 'bob' }).setIssuer('https://sso.example').setAudience('jobgraph');
    const now = Math.floor(Date.now() / 1000);
    const noExp = await base().setProtectedHeader({ alg: 'RS256' }).setIssuedAt().sign(privateKey);
    await expect(auth(request(noExp))).rejects.toThrow(/claim "exp"/);
    const noIat = await base().setProtectedHeader({ alg: 'RS256' }).setExpirationTime('5m').sign(privateKey);
    await expect(auth(request(noIat))).rejects.toThrow(/claim "iat"/);
    const old = await base()
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt(now - 86_400 - 120)
      .setExpirationTime(now + 600)
      .sign(privateKey);
    await expect(auth(request(old))).rejects.toThrow(/expired/);
    const future = await base()
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuedAt(now + 600)
      .setExpirationTime(now + 1200)
      .sign(privateKey);
    await expect(auth(request(future))).rejects.toThrow(/claim "iat"/);
    const pss = await base()
      .setProtectedHeader({ alg: 'PS256' })
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    await expect(auth(request(pss))).rejects.toThrow(/ERR_JOSE_ALG_NOT_ALLOWED|alg/);
    const ok = await base().setProtectedHeader({ alg: 'RS256' }).setIssuedAt().setExpirationTime('5m').sign(privateKey);
    await expect(auth(request(ok))).resolves.toMatchObject({ user: 'bob' });
  });
});
