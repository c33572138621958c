import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, importSPKI, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey, KeyLike } from 'jose';
import { UnauthenticatedError } from '../errors';

/** Where JWT signatures are checked and what a valid token must say. */
export interface JwtOptions {
  /** `JOBGRAPH_AUTH_JWT_JWKS_URL`: the issuer's JWKS endpoint (keys cached and refreshed by jose). */
  jwksUrl?: string;
  /** `JOBGRAPH_AUTH_JWT_KEY_FILE`: a PEM public key (SPKI) or a JWKS JSON file, instead of a URL. */
  keyFile?: string;
  /** `JOBGRAPH_AUTH_JWT_ISSUER`: required `iss`. */
  issuer: string;
  /** `JOBGRAPH_AUTH_JWT_AUDIENCE`: required `aud`. */
  audience: string;
  /** Algorithm for a PEM key file; default RS256. */
  algorithm?: string;
}

/** A function that verifies a compact JWT and returns its claims, or throws UNAUTHENTICATED. */
export type JwtVerifier = (token: string) => Promise<JWTPayload>;

/** Builds the verifier once at start; a missing or unreadable key source fails at boot. */
export async function createJwtVerifier(options: JwtOptions): Promise<JwtVerifier> {
  const key = await loadKey(options);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: options.issuer,
        audience: options.audience,
      });
      return payload;
    } catch (error) {
      throw new UnauthenticatedError(`invalid bearer token: ${describeJoseError(error)}`);
    }
  };
}

async function loadKey(options: JwtOptions): Promise<JWTVerifyGetKey | KeyLike> {
  if (options.jwksUrl) return createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000 });
  if (!options.keyFile) throw new Error('JWT auth needs JOBGRAPH_AUTH_JWT_JWKS_URL or JOBGRAPH_AUTH_JWT_KEY_FILE');
  const text = readFileSync(options.keyFile, 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { keys?: unknown[] };
    return createLocalJWKSet((parsed.keys ? parsed : { keys: [parsed] }) as Parameters<typeof createLocalJWKSet>[0]);
  }
  return importSPKI(text, options.algorithm ?? 'RS256');
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim "${error.claim}" ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'malformed token';
}
