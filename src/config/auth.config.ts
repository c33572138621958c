import { z } from 'zod';
import { envInt, envList } from './env-value';

/** Who callers are and who is an operator. `jobgraph serve` refuses to start until `mode` is set. */
export const authConfigSchema = z
  .object({
    /** `JOBGRAPH_AUTH`: `none` (every caller acts as the gateway's own user, who sees everything: demo only), `proxy-header` or `jwt`. No default in `serve`. */
    mode: z
      .enum(['none', 'proxy-header', 'jwt'])
      .optional()
      .describe('how callers are identified: none (demo), proxy-header or jwt; required by jobgraph serve'),
    /** `JOBGRAPH_OPERATORS`: comma-separated user names that see every job's details and may forward jobs. */
    operators: envList(',').default([]).describe('comma-separated user names with the operator role'),
    /** `JOBGRAPH_AUTH_PROXY_HEADER`: header the trusted proxy puts the user name in. */
    proxyHeader: z
      .string()
      .min(1)
      .default('x-remote-user')
      .describe('header a trusted reverse proxy sets to the user name'),
    /** `JOBGRAPH_AUTH_TRUSTED_PROXIES`: comma-separated IPs/CIDRs allowed to set the proxy header. */
    trustedProxies: envList(',')
      .default(['127.0.0.1', '::1'])
      .describe('comma-separated IPs/CIDRs allowed to set the proxy header'),
    /** `JOBGRAPH_AUTH_JWT_JWKS_URL`: the token issuer's JWKS endpoint. */
    jwtJwksUrl: z.url().optional().describe('JWKS URL of the token issuer'),
    /** `JOBGRAPH_AUTH_JWT_KEY_FILE`: PEM public key or JWKS JSON file (instead of a JWKS URL). */
    jwtKeyFile: z.string().min(1).optional().describe('PEM public key or JWKS JSON file verifying tokens'),
    /** `JOBGRAPH_AUTH_JWT_ISSUER`: required `iss`. */
    jwtIssuer: z.string().min(1).optional().describe('required token issuer (iss)'),
    /** `JOBGRAPH_AUTH_JWT_AUDIENCE`: required `aud`. */
    jwtAudience: z.string().min(1).optional().describe('required token audience (aud)'),
    /** `JOBGRAPH_AUTH_JWT_USER_CLAIM`: claim holding the Unix user name. */
    jwtUserClaim: z.string().min(1).default('preferred_username').describe('token claim holding the Unix user name'),
    /** `JOBGRAPH_AUTH_JWT_ROLE_CLAIM`: claim (dotted path) holding roles, e.g. `realm_access.roles`. */
    jwtRoleClaim: z.string().min(1).optional().describe('token claim (dotted path) holding roles'),
    /** `JOBGRAPH_AUTH_JWT_OPERATOR_ROLE`: the role that makes a caller an operator. */
    jwtOperatorRole: z.string().min(1).default('jobgraph-operator').describe('role that grants operator rights'),
    /** `JOBGRAPH_AUTH_JWT_MAX_AGE`: oldest token accepted, seconds since its `iat` (tokens must carry `iat` and `exp`). */
    jwtMaxAgeSeconds: envInt(1, 365 * 86_400)
      .default(86_400)
      .describe('oldest token accepted, seconds since its iat (iat and exp are required)'),
    /** `JOBGRAPH_AUTH_JWT_CLOCK_TOLERANCE`: seconds of clock skew allowed for `exp`, `nbf` and an `iat` in the future. */
    jwtClockToleranceSeconds: envInt(0, 3_600).default(30).describe('seconds of clock skew allowed (exp, nbf, iat)'),
    /**
     * `JOBGRAPH_AUTH_JWT_ALGORITHMS`: comma-separated signature algorithms accepted. Default: the
     * configured key's own (RS256 for a PEM key, the `alg` of each key of a JWKS file; RS256 for a JWKS URL).
     */
    jwtAlgorithms: envList(',')
      .optional()
      .describe("comma-separated signature algorithms accepted (default: the key's own; RS256 for a PEM key)"),
  })
  .superRefine((auth, ctx) => {
    // A JWT gateway that cannot verify tokens is a configuration error, reported with all the others.
    if (auth.mode !== 'jwt') return;
    if (!auth.jwtJwksUrl && !auth.jwtKeyFile)
      ctx.addIssue({
        code: 'custom',
        path: ['jwtKeyFile'],
        message: 'JOBGRAPH_AUTH=jwt needs JOBGRAPH_AUTH_JWT_KEY_FILE or JOBGRAPH_AUTH_JWT_JWKS_URL',
      });
    if (!auth.jwtIssuer)
      ctx.addIssue({ code: 'custom', path: ['jwtIssuer'], message: 'JOBGRAPH_AUTH=jwt needs the token issuer' });
    if (!auth.jwtAudience)
      ctx.addIssue({ code: 'custom', path: ['jwtAudience'], message: 'JOBGRAPH_AUTH=jwt needs the token audience' });
  });

/** Environment variables of the `auth` section → its keys. */
export const authEnvVars = {
  JOBGRAPH_AUTH: 'mode',
  JOBGRAPH_OPERATORS: 'operators',
  JOBGRAPH_AUTH_PROXY_HEADER: 'proxyHeader',
  JOBGRAPH_AUTH_TRUSTED_PROXIES: 'trustedProxies',
  JOBGRAPH_AUTH_JWT_JWKS_URL: 'jwtJwksUrl',
  JOBGRAPH_AUTH_JWT_KEY_FILE: 'jwtKeyFile',
  JOBGRAPH_AUTH_JWT_ISSUER: 'jwtIssuer',
  JOBGRAPH_AUTH_JWT_AUDIENCE: 'jwtAudience',
  JOBGRAPH_AUTH_JWT_USER_CLAIM: 'jwtUserClaim',
  JOBGRAPH_AUTH_JWT_ROLE_CLAIM: 'jwtRoleClaim',
  JOBGRAPH_AUTH_JWT_OPERATOR_ROLE: 'jwtOperatorRole',
  JOBGRAPH_AUTH_JWT_MAX_AGE: 'jwtMaxAgeSeconds',
  JOBGRAPH_AUTH_JWT_CLOCK_TOLERANCE: 'jwtClockToleranceSeconds',
  JOBGRAPH_AUTH_JWT_ALGORITHMS: 'jwtAlgorithms',
} as const satisfies Record<string, keyof z.infer<typeof authConfigSchema>>;
