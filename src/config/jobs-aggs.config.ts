import { readFileSync } from 'node:fs';
import { z } from 'zod';

const commaList = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter((s) => s !== '') : value),
  z.array(z.string().min(1)),
);

/** The four settings that together enable the source, with their environment variables. */
const REQUIRED = {
  url: 'JOBGRAPH_JOBS_API_URL',
  tokenUrl: 'JOBGRAPH_JOBS_API_TOKEN_URL',
  clientId: 'JOBGRAPH_JOBS_API_CLIENT_ID',
  clientSecret: 'JOBGRAPH_JOBS_API_CLIENT_SECRET',
} as const;

/**
 * The `jobsApi` config section: the vendor jobs/aggs API (contract jobs-aggs-api.md §1).
 * The source is enabled when url, tokenUrl, clientId and clientSecret are all set; setting
 * only some of them fails with one message naming the missing variables. A secret read from
 * `clientSecretFile` replaces `clientSecret` (trailing newline dropped); the file is then
 * cleared from the parsed result so nothing points at it twice.
 */
export const jobsAggsConfigSchema = z
  .object({
    /** Base URL without `/v3` (`JOBGRAPH_JOBS_API_URL`). Unset: source disabled. */
    url: z.url().optional(),
    /** Full OAuth2 token URL (`JOBGRAPH_JOBS_API_TOKEN_URL`). */
    tokenUrl: z.url().optional(),
    /** OAuth2 client id (`JOBGRAPH_JOBS_API_CLIENT_ID`). */
    clientId: z.string().min(1).optional(),
    /** OAuth2 client secret (`JOBGRAPH_JOBS_API_CLIENT_SECRET`); redacted when config is printed. */
    clientSecret: z.string().min(1).optional(),
    /** File holding the client secret (`JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE`); used when `clientSecret` is unset. */
    clientSecretFile: z.string().min(1).optional(),
    /** `application` sent when the filter has none (`JOBGRAPH_JOBS_API_APPLICATION`). Default `atr`. */
    application: z.string().min(1).default('atr'),
    /** Deadline per aggs request, ms (`JOBGRAPH_JOBS_API_TIMEOUT_MS`). Default 15000. */
    timeoutMs: z.coerce.number().int().positive().default(15_000),
    /** Deadline per token request, ms (`JOBGRAPH_JOBS_API_TOKEN_TIMEOUT_MS`). Default 10000. */
    tokenTimeoutMs: z.coerce.number().int().positive().default(10_000),
    /** Narrows the field allow-list, comma-separated in the env (`JOBGRAPH_JOBS_API_FIELDS`). Default: every documented field. */
    fields: commaList.optional(),
  })
  .transform((section, ctx) => {
    let clientSecret = section.clientSecret;
    if (clientSecret === undefined && section.clientSecretFile !== undefined) {
      try {
        clientSecret = readFileSync(section.clientSecretFile, 'utf8').replace(/\r?\n$/, '');
      } catch (error) {
        const reason = String((error as { code?: unknown } | undefined)?.code ?? 'unreadable');
        ctx.addIssue({ code: 'custom', path: ['clientSecretFile'], message: `JOBGRAPH_JOBS_API_CLIENT_SECRET_FILE ${section.clientSecretFile} cannot be read (${reason})` });
        return z.NEVER;
      }
    }
    const resolved = { ...section, clientSecret, clientSecretFile: undefined };
    const set = (Object.keys(REQUIRED) as Array<keyof typeof REQUIRED>).filter((key) => resolved[key] !== undefined);
    if (set.length > 0 && set.length < 4) {
      const missing = (Object.keys(REQUIRED) as Array<keyof typeof REQUIRED>).filter((key) => resolved[key] === undefined).map((key) => REQUIRED[key]);
      ctx.addIssue({ code: 'custom', path: [], message: `the jobs/aggs API needs all of ${Object.values(REQUIRED).join(', ')}; missing ${missing.join(', ')}` });
      return z.NEVER;
    }
    return resolved;
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

/** Keys of the `jobsApi` section that are secrets and must be redacted whenever config is printed. */
export const jobsAggsSecretKeys = ['clientSecret'] as const;

/** True when the section enables the source (all four required settings present). */
export function isJobsAggsEnabled(section: JobsAggsConfig): section is JobsAggsConfig & { url: string; tokenUrl: string; clientId: string; clientSecret: string } {
  return section.url !== undefined && section.tokenUrl !== undefined && section.clientId !== undefined && section.clientSecret !== undefined;
}
