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
  /** `JOBGRAPH_AUTH_JWT_MAX_AGE`: oldest token accepted, seconds after its `iat`. */
  maxAgeSeconds: number;
  /** `JOBGRAPH_AUTH_JWT_CLOCK_TOLERANCE`: seconds of skew allowed for `exp`, `nbf`, `iat`. */
  clockToleranceSeconds: number;
  /** `JOBGRAPH_AUTH_JWT_ALGORITHMS`: accepted algorithms; default the key's own (see {@link keyAlgorithms}). */
  algorithms?: readonly string[];
}

/** A function that verifies a compact JWT and returns its claims, or throws UNAUTHENTICATED. */
export type JwtVerifier = (token: string) => Promise<JWTPayload>;

/**
 * Builds the verifier once at start; a missing or unreadable key source fails at boot. A token
 * must carry `exp` and `iat`, be at most `maxAgeSeconds` old, have no `iat` in the future beyond
 * the clock tolerance, and be signed with one of exactly the accepted algorithms (an RS256 key
 * does not also accept PS256 signatures).
 */
export async function createJwtVerifier(options: JwtOptions): Promise<JwtVerifier> {
  const { key, algorithms } = await loadKey(options);
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, key as JWTVerifyGetKey, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [...(options.algorithms ?? algorithms)],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: options.maxAgeSeconds,
        clockTolerance: options.clockToleranceSeconds,
      });
      return payload;
    } catch (error) {
      throw new UnauthenticatedError(`invalid bearer token: ${describeJoseError(error)}`);
    }
  };
}

/**
 * The verification key and the algorithms it stands for: a PEM key's configured algorithm
 * (RS256 by default); the `alg` of every key of a JWKS file (RS256 for keys without one); RS256
 * for a JWKS URL (its keys are fetched later). `JOBGRAPH_AUTH_JWT_ALGORITHMS` overrides them.
 */
async function loadKey(options: JwtOptions): Promise<{ key: JWTVerifyGetKey | KeyLike; algorithms: string[] }> {
  const fallback = options.algorithm ?? 'RS256';
  if (options.jwksUrl)
    return { key: createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: 5000 }), algorithms: [fallback] };
  if (!options.keyFile) throw new Error('JWT auth needs JOBGRAPH_AUTH_JWT_JWKS_URL or JOBGRAPH_AUTH_JWT_KEY_FILE');
  const text = readFileSync(options.keyFile, 'utf8').trim();
  if (text.startsWith('{')) {
    const parsed = JSON.parse(text) as { keys?: Array<{ alg?: unknown }> };
    const set = (parsed.keys ? parsed : { keys: [parsed] }) as { keys: Array<{ alg?: unknown }> };
    const algorithms = [...new Set(set.keys.map((k) => (typeof k.alg === 'string' ? k.alg : fallback)))];
    return { key: createLocalJWKSet(set as Parameters<typeof createLocalJWKSet>[0]), algorithms };
  }
  return { key: await importSPKI(text, fallback), algorithms: [fallback] };
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) return `claim "${error.claim}" ${error.reason}`;
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof joseErrors.JOSEError) return error.code;
  return 'malformed token';
}
