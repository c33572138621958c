import type { IncomingHttpHeaders } from 'node:http';
import { UnauthenticatedError } from '../errors';
import type { AuthMethod, Caller } from './caller';
import { createJwtVerifier } from './jwt-verifier';
import type { JwtOptions } from './jwt-verifier';
import { trustedProxyMatcher } from './trusted-proxies';
import { USER_NAME_PATTERN } from '../datasources/users/user-database';

/** How callers are identified (`JOBGRAPH_AUTH` and friends). */
export interface AuthOptions {
  /** `JOBGRAPH_AUTH`: none (demo: every caller is the gateway's user, an operator), proxy-header (behind a trusted reverse proxy) or jwt. */
  mode: AuthMethod;
  /** The gateway's own Unix user: every caller acts as it in mode `none`. */
  gatewayUser: string;
  /** `JOBGRAPH_OPERATORS`: user names that see everything. */
  operators: readonly string[];
  /** `JOBGRAPH_AUTH_PROXY_HEADER`, default `x-remote-user`. */
  proxyHeader: string;
  /** `JOBGRAPH_AUTH_TRUSTED_PROXIES`: IPs/CIDRs allowed to set the proxy header. */
  trustedProxies: readonly string[];
  /** JWT settings, required in mode `jwt`. */
  jwt?: JwtOptions & {
    /** `JOBGRAPH_AUTH_JWT_USER_CLAIM`, default `preferred_username`. */
    userClaim: string;
    /** `JOBGRAPH_AUTH_JWT_ROLE_CLAIM`: a claim holding a role string or array (dotted path allowed). */
    roleClaim?: string;
    /** `JOBGRAPH_AUTH_JWT_OPERATOR_ROLE`, default `jobgraph-operator`. */
    operatorRole: string;
  };
}

/** What authentication needs from an HTTP request. */
export interface AuthRequest {
  headers: IncomingHttpHeaders;
  /** The TCP peer address (not X-Forwarded-For). */
  remoteAddress: string | undefined;
}

/** Resolves the caller of a request or throws UNAUTHENTICATED. */
export type Authenticator = (request: AuthRequest) => Promise<Caller>;

/** Builds the authenticator once at start (JWT keys are loaded here, so bad settings fail at boot). */
export async function createAuthenticator(options: AuthOptions): Promise<Authenticator> {
  const operators = new Set(options.operators);
  const caller = (user: string, via: AuthMethod, operatorByRole = false): Caller => ({
    user,
    via,
    isOperator: operatorByRole || operators.has(user),
  });
  switch (options.mode) {
    case 'none':
      // The gateway's own user is the Flux instance owner in any useful deployment, and Flux
      // shows its owner everything: so does jobgraph with no caller identity (demo mode).
      return async () => caller(options.gatewayUser, 'none', true);
    case 'proxy-header': {
      const trusted = trustedProxyMatcher(options.trustedProxies);
      const header = options.proxyHeader.toLowerCase();
      return async (request) => {
        if (!trusted(request.remoteAddress))
          throw new UnauthenticatedError(
            `requests must come through a trusted proxy; ${request.remoteAddress ?? 'unknown address'} is not one`,
          );
        const value = request.headers[header];
        const user = Array.isArray(value) ? value[0] : value;
        if (!user || !USER_NAME_PATTERN.test(user))
          throw new UnauthenticatedError(`the trusted proxy did not set a valid user in header ${header}`);
        return caller(user, 'proxy-header');
      };
    }
    case 'jwt': {
      const jwt = options.jwt;
      if (!jwt) throw new Error('JOBGRAPH_AUTH=jwt needs the JOBGRAPH_AUTH_JWT_* settings');
      const verify = await createJwtVerifier(jwt);
      return async (request) => {
        const header = request.headers.authorization;
        const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
        if (!match?.[1]) throw new UnauthenticatedError('a bearer token is required (Authorization: Bearer <jwt>)');
        const claims = await verify(match[1]);
        const user = claimAt(claims, jwt.userClaim);
        if (typeof user !== 'string' || !USER_NAME_PATTERN.test(user))
          throw new UnauthenticatedError(`the token has no valid user in claim "${jwt.userClaim}"`);
        const roles = jwt.roleClaim ? claimAt(claims, jwt.roleClaim) : undefined;
        const hasRole = Array.isArray(roles) ? roles.includes(jwt.operatorRole) : roles === jwt.operatorRole;
        return caller(user, 'jwt', hasRole);
      };
    }
    default: {
      const unreachable: never = options.mode;
      throw new Error(`unknown auth mode ${String(unreachable)}`);
    }
  }
}

/** Reads a claim by dotted path (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, path: string): unknown {
  let value: unknown = claims;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
