import { z } from 'zod';
import { envList } from './env-value';

/** Who callers are and who is an operator. `jobgraph serve` refuses to start until `mode` is set. */
export const authConfigSchema = z.object({
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
} as const satisfies Record<string, keyof z.infer<typeof authConfigSchema>>;
