import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { envInt, envList, SECRET } from './env-value';

/** The four settings that together enable the source, with their environment variables. */
const REQUIRED = {
  url: 'JOBGRAPH_JOBS_API_URL',
  tokenUrl: 'JOBGRAPH_JOBS_API_TOKEN_URL',
  clientId: 'JOBGRAPH_JOBS_API_CLIENT_ID',
  clientSecret: 'JOBGRAPH_JOBS_API_CLIENT_SECRET',
} as const;

/**
 * The `jobsApi` section: the vendor jobs/aggs API (contract jobs-aggs-api.md §1). The source
 * is enabled when url, tokenUrl, clientId and the secret (`clientSecret` or `clientSecretFile`)
 * are all set; setting only some of them fails with one message naming the missing variables.
 */
export const jobsAggsConfigSchema = z
  .object({
    /** Base URL without `/v3` (`JOBGRAPH_JOBS_API_URL`). Default: unset (source disabled). */
    url: z.url().optional().describe('jobs/aggs API base URL, without /v3 (unset = source disabled)'),
    /** Full OAuth2 token URL (`JOBGRAPH_JOBS_API_TOKEN_URL`), e.g. a Cognito domain ending `/oauth2/token`. */
    tokenUrl: z.url().optional().describe('OAuth2 token URL of the jobs/aggs API'),
    /** OAuth2 client id (`JOBGRAPH_JOBS_API_CLIENT_ID`); also sent as the `client_id` header. */
    clientId: z.string().min(1).optional().describe('OAuth2 client id of the jobs/aggs API'),
    /** OAuth2 client secret (`JOBGRAPH_JOBS_API_CLIENT_SECRET`); redacted whenever config is printed. */
    clientSecret: z
      .string()
      .min(1)
      .optional()
      .meta({ ...SECRET, description: 'OAuth2 client secret of the jobs/aggs API' }),
    /** File holding the client secret (`JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE`), first line; used when `clientSecret` is unset. */
    clientSecretFile: z
      .string()
      .min(1)
      .optional()
      .describe('file holding the jobs/aggs API client secret (used when the secret itself is unset)'),
    /** `application` sent when the filter has none (`JOBGRAPH_JOBS_API_APPLICATION`). Default `atr`. */
    application: z.string().min(1).default('atr').describe('jobs/aggs application sent when the filter has none'),
    /** Deadline per aggs request attempt, its wait for a slot included, ms (`JOBGRAPH_JOBS_API_TIMEOUT_MS`). Default 15000. */
    timeoutMs: envInt(1, 600_000)
      .default(15_000)
      .describe('ms deadline of one jobs/aggs request attempt (one retry when unreachable)'),
    /** Deadline per token request, ms (`JOBGRAPH_JOBS_API_TOKEN_TIMEOUT_MS`). Default 10000. */
    tokenTimeoutMs: envInt(1, 600_000).default(10_000).describe('ms deadline of one OAuth2 token request'),
    /** Narrows the field allow-list (`JOBGRAPH_JOBS_API_FIELDS`, comma-separated). Default: every documented field. */
    fields: envList(',')
      .optional()
      .describe('comma-separated jobs/aggs fields aggregations may use (default: all documented)'),
  })
  .superRefine((section, ctx) => {
    const present = { ...section, clientSecret: section.clientSecret ?? section.clientSecretFile };
    const keys = Object.keys(REQUIRED) as Array<keyof typeof REQUIRED>;
    const missing = keys.filter((key) => present[key] === undefined);
    if (missing.length > 0 && missing.length < keys.length) {
      ctx.addIssue({
        code: 'custom',
        path: [missing[0] ?? 'url'],
        message: `the jobs/aggs API needs all of ${Object.values(REQUIRED).join(', ')}; missing ${missing.map((key) => REQUIRED[key]).join(', ')}`,
      });
    }
  });

/** The parsed `jobsApi` section. */
export type JobsAggsConfig = z.output<typeof jobsAggsConfigSchema>;

/** Environment variable → key of the `jobsApi` section. */
export const jobsAggsEnvVars = {
  JOBGRAPH_JOBS_API_URL: 'url',
  JOBGRAPH_JOBS_API_TOKEN_URL: 'tokenUrl',
  JOBGRAPH_JOBS_API_CLIENT_ID: 'clientId',
  JOBGRAPH_JOBS_API_CLIENT_SECRET: 'clientSecret',
  JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE: 'clientSecretFile',
  JOBGRAPH_JOBS_API_APPLICATION: 'application',
  JOBGRAPH_JOBS_API_TIMEOUT_MS: 'timeoutMs',
  JOBGRAPH_JOBS_API_TOKEN_TIMEOUT_MS: 'tokenTimeoutMs',
  JOBGRAPH_JOBS_API_FIELDS: 'fields',
} as const satisfies Record<string, keyof z.input<typeof jobsAggsConfigSchema>>;

/** Keys of the `jobsApi` section holding secrets: redacted whenever config is printed (the field is also marked secret). */
export const jobsAggsSecretKeys = ['clientSecret'] as const;

/** An enabled section with its secret resolved. */
export type JobsAggsSettings = JobsAggsConfig & {
  url: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
};

/**
 * The enabled section with the secret read (from `clientSecret`, else the first line of
 * `clientSecretFile`), or `undefined` when the source is not configured. A secret file that
 * cannot be read throws an Error naming the variable and the file, never its content.
 */
export function resolveJobsAggsSettings(section: JobsAggsConfig): JobsAggsSettings | undefined {
  const { url, tokenUrl, clientId } = section;
  if (url === undefined || tokenUrl === undefined || clientId === undefined) return undefined;
  let clientSecret = section.clientSecret;
  if (clientSecret === undefined && section.clientSecretFile !== undefined) {
    try {
      clientSecret = readFileSync(section.clientSecretFile, 'utf8').split(/\r?\n/)[0];
    } catch (error) {
      const reason = String((error as { code?: unknown } | undefined)?.code ?? 'unreadable');
      throw new Error(`JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE ${section.clientSecretFile} cannot be read (${reason})`);
    }
  }
  return clientSecret ? { ...section, url, tokenUrl, clientId, clientSecret } : undefined;
}
