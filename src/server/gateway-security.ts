import { userInfo } from 'node:os';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config';
import { createAuthenticator } from '../auth/authenticate';
import type { Caller } from '../auth/caller';
import { DEFAULT_QUERY_LIMITS } from './limits/query-limits';
import type { QueryLimits } from './limits/query-limits';
import { createRateLimiter } from './limits/rate-limiter';
import { loadTrustedDocuments } from './limits/trusted-documents';
import type { GraphQLRequestBody, TrustedDocumentCheck } from './limits/trusted-documents';

/** Everything that decides who may call and how much, built once from Config at start. */
export interface GatewaySecurity {
  authenticate(request: FastifyRequest): Promise<Caller>;
  /** Consumes one request of the caller's budget (throws RATE_LIMITED). */
  rateLimit(caller: Caller, request: FastifyRequest): Promise<void>;
  queryLimits: QueryLimits;
  introspection: boolean;
  /** Present when `JOBGRAPH_TRUSTED_DOCUMENTS` is set. */
  trustedDocuments: TrustedDocumentCheck | undefined;
}

/**
 * Builds the security settings. Unset values fall back to what suits tests and the demo
 * (mode `none`, introspection on, no rate limit); `jobgraph serve` fills in the production
 * defaults before it gets here (see src/cli/serve.command.ts).
 */
export async function createGatewaySecurity(config: Config): Promise<GatewaySecurity> {
  const { auth, limits } = config;
  const authenticator = await createAuthenticator({
    mode: auth.mode ?? 'none',
    gatewayUser: userInfo().username,
    operators: auth.operators,
    proxyHeader: auth.proxyHeader,
    trustedProxies: auth.trustedProxies,
    ...(auth.mode === 'jwt'
      ? {
          jwt: {
            ...(auth.jwtJwksUrl ? { jwksUrl: auth.jwtJwksUrl } : {}),
            ...(auth.jwtKeyFile ? { keyFile: auth.jwtKeyFile } : {}),
            issuer: auth.jwtIssuer ?? '',
            audience: auth.jwtAudience ?? '',
            maxAgeSeconds: auth.jwtMaxAgeSeconds,
            clockToleranceSeconds: auth.jwtClockToleranceSeconds,
            ...(auth.jwtAlgorithms ? { algorithms: auth.jwtAlgorithms } : {}),
            userClaim: auth.jwtUserClaim,
            ...(auth.jwtRoleClaim ? { roleClaim: auth.jwtRoleClaim } : {}),
            operatorRole: auth.jwtOperatorRole,
          },
        }
      : {}),
  });
  const limiter = createRateLimiter({ perMinute: limits.ratePerMinute ?? 0 });
  return {
    authenticate: (request) => authenticator({ headers: request.headers, remoteAddress: request.socket.remoteAddress }),
    // With no identity (mode none) every caller is the gateway's user: budget per address instead.
    rateLimit: (caller, request) =>
      limiter(caller.via === 'none' ? `ip:${request.socket.remoteAddress ?? '?'}` : `user:${caller.user}`),
    queryLimits: {
      ...DEFAULT_QUERY_LIMITS,
      maxDepth: limits.maxDepth,
      maxAliases: limits.maxAliases,
      maxRootFields: limits.maxRootFields,
      maxBreadth: limits.maxBreadth,
      maxCost: limits.maxCost,
      maxFieldComparisons: limits.maxFieldComparisons,
      maxTokens: limits.maxTokens,
      maxDocumentLength: limits.maxDocumentLength,
      maxDefinitions: limits.maxDefinitions,
      maxNesting: limits.maxNesting,
    },
    introspection: limits.introspection ?? true,
    trustedDocuments: limits.trustedDocuments ? loadTrustedDocuments(limits.trustedDocuments) : undefined,
  };
}

/** Applies the trusted-document check to a GET (query string) or POST (JSON body) GraphQL request. */
export function checkTrustedDocument(check: TrustedDocumentCheck, request: FastifyRequest): void {
  if (request.method === 'POST' && request.body && typeof request.body === 'object' && !Array.isArray(request.body)) {
    check(request.body as GraphQLRequestBody);
    return;
  }
  if (request.method === 'GET' && request.query && typeof request.query === 'object') {
    const query = request.query as Record<string, unknown>;
    const body: GraphQLRequestBody = { query: query['query'], documentId: query['documentId'] };
    if (typeof query['extensions'] === 'string') {
      try {
        body.extensions = JSON.parse(query['extensions']) as GraphQLRequestBody['extensions'];
      } catch {
        // Apollo reports the malformed extensions itself.
      }
    }
    check(body);
    // Apollo reads GET parameters from the URL itself, so the resolved document goes there.
    const params = new URL(request.raw.url ?? '/', 'http://gateway').searchParams;
    params.delete('documentId');
    if (typeof body.query === 'string') params.set('query', body.query);
    if (body.extensions) params.set('extensions', JSON.stringify(body.extensions));
    request.raw.url = `${request.raw.url?.split('?')[0] ?? '/'}?${params.toString()}`;
  }
}
