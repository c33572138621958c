import { z } from 'zod';
import { authConfigSchema, authEnvVars } from './auth.config';
import { elasticConfigSchema, elasticEnvVars } from './elastic.config';
import { elogConfigSchema, elogEnvVars, elogSecretKeys } from './elog.config';
import { fluxConfigSchema, fluxEnvVars } from './flux.config';
import { jobControlConfigSchema, jobControlEnvVars } from './job-control.config';
import { jobsAggsConfigSchema, jobsAggsEnvVars, jobsAggsSecretKeys } from './jobs-aggs.config';
import { limitsConfigSchema, limitsEnvVars } from './limits.config';
import { sciagraphConfigSchema, sciagraphEnvVars } from './sciagraph.config';
import { serverConfigSchema, serverEnvVars } from './server.config';
import { usersConfigSchema, usersEnvVars } from './users.config';

/** One configuration section: its zod schema, env var → key map, and the keys holding secrets. */
export interface ConfigSection {
  schema: z.ZodType;
  envVars: Readonly<Record<string, string>>;
  /** Redacted whenever config is printed or logged (fields marked `.meta({ secret: true })` are too). */
  secretKeys?: readonly string[];
}

/**
 * Every configuration section. Adding a backend = one line here naming `<backend>ConfigSchema`
 * and `<backend>EnvVars` (and `<backend>SecretKeys`) from `src/config/<backend>.config.ts`;
 * the Config type, env loading, error messages, `jobgraph config`, `.env.example` and the
 * table in docs/configuration.md all follow from this object.
 */
export const CONFIG_SECTIONS = {
  server: { schema: serverConfigSchema, envVars: serverEnvVars },
  flux: { schema: fluxConfigSchema, envVars: fluxEnvVars },
  users: { schema: usersConfigSchema, envVars: usersEnvVars },
  elastic: { schema: elasticConfigSchema, envVars: elasticEnvVars },
  elog: { schema: elogConfigSchema, envVars: elogEnvVars, secretKeys: elogSecretKeys },
  jobsApi: { schema: jobsAggsConfigSchema, envVars: jobsAggsEnvVars, secretKeys: jobsAggsSecretKeys },
  sciagraph: { schema: sciagraphConfigSchema, envVars: sciagraphEnvVars },
  auth: { schema: authConfigSchema, envVars: authEnvVars },
  limits: { schema: limitsConfigSchema, envVars: limitsEnvVars },
  jobControl: { schema: jobControlConfigSchema, envVars: jobControlEnvVars },
} as const satisfies Record<string, ConfigSection>;

/** Name of one configuration section (`server`, `flux`, …). */
export type ConfigSectionName = keyof typeof CONFIG_SECTIONS;

type SectionSchemas = { [K in ConfigSectionName]: (typeof CONFIG_SECTIONS)[K]['schema'] };

function sectionSchemas(): SectionSchemas {
  const shape: Partial<Record<ConfigSectionName, z.ZodType>> = {};
  for (const name of Object.keys(CONFIG_SECTIONS) as ConfigSectionName[]) shape[name] = CONFIG_SECTIONS[name].schema;
  return shape as SectionSchemas;
}

/** The whole configuration. Unknown top-level sections (typos in a config file) are errors. */
export const configSchema = z.strictObject(sectionSchemas());

/** The resolved, validated configuration: the one Config type of jobgraph. */
export type Config = z.output<typeof configSchema>;

/** Path of a JSON or YAML config file, read before the environment (not itself a config key). */
export const CONFIG_FILE_ENV_VAR = 'JOBGRAPH_CONFIG';
