import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';

/** The user name every test gateway treats as an operator (`JOBGRAPH_OPERATORS`, or the JWT operator role). */
export const TEST_OPERATOR = 'opsadmin';

/** How a test identifies its callers to a gateway: the env that configures the gateway, and the headers of one caller. */
export interface TestCallers {
  mode: 'proxy-header' | 'jwt';
  env: Record<string, string>;
  headers(user: string): Promise<Record<string, string>>;
}

/** Callers named by a trusted reverse proxy's `x-remote-user` header (the test is the proxy on 127.0.0.1). */
export function proxyHeaderCallers(): TestCallers {
  return {
    mode: 'proxy-header',
    env: {
      JOBGRAPH_AUTH: 'proxy-header',
      JOBGRAPH_AUTH_TRUSTED_PROXIES: '127.0.0.1,::1',
      JOBGRAPH_OPERATORS: TEST_OPERATOR,
    },
    headers: async (user) => ({ 'x-remote-user': user }),
  };
}

/**
 * Callers with RS256 bearer tokens from a throw-away key pair (public key in a PEM file); the
 * operator gets the operator role in a `roles` claim rather than through JOBGRAPH_OPERATORS.
 */
export async function jwtCallers(): Promise<TestCallers> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const keyFile = join(mkdtempSync(join(tmpdir(), 'jobgraph-jwt-')), 'issuer.pem');
  writeFileSync(keyFile, await exportSPKI(publicKey));
  return {
    mode: 'jwt',
    env: {
      JOBGRAPH_AUTH: 'jwt',
      JOBGRAPH_AUTH_JWT_KEY_FILE: keyFile,
      JOBGRAPH_AUTH_JWT_ISSUER: 'https://idp.test',
      JOBGRAPH_AUTH_JWT_AUDIENCE: 'jobgraph',
      JOBGRAPH_AUTH_JWT_ROLE_CLAIM: 'roles',
    },
    async headers(user) {
      const token = await new SignJWT({
        preferred_username: user,
        roles: user === TEST_OPERATOR ? ['jobgraph-operator'] : [],
      })
        .setProtectedHeader({ alg: 'RS256' })
        .setIssuer('https://idp.test')
        .setAudience('jobgraph')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(privateKey);
      return { authorization: `Bearer ${token}` };
    },
  };
}

/** The paths (dotted, sorted) of a GraphQL response's FORBIDDEN errors. */
export function forbiddenPaths(body: {
  errors?: Array<{ path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}): string[] {
  return (body.errors ?? [])
    .filter((e) => e.extensions?.code === 'FORBIDDEN')
    .map((e) => (e.path ?? []).join('.'))
    .sort();
}
