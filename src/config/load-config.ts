import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error';
import { isSecretSetting, redactUrlPassword } from './config-settings';
import type { ConfigProblem } from './config-error';
import { CONFIG_FILE_ENV_VAR, CONFIG_SECTIONS, configSchema } from './config.schema';
import type { Config, ConfigSectionName } from './config.schema';

/** Settings by section, as a file or CLI flags give them (values not yet validated). */
export type ConfigInput = Partial<Record<string, Record<string, unknown>>>;

/** Where {@link loadConfig} reads from; passed in so only src/cli touches `process.env`. */
export interface ConfigSources {
  /** The environment (`process.env` in the CLI). */
  env: Readonly<Record<string, string | undefined>>;
  /** Config file path; defaults to `env.JOBGRAPH_CONFIG`. JSON (`.json`) or YAML. */
  file?: string | undefined;
  /** CLI flag values by section; they win over everything else. */
  flags?: ConfigInput;
}

type Origin = 'file' | 'env' | 'flag';

const SECTION_NAMES = Object.keys(CONFIG_SECTIONS) as ConfigSectionName[];

function envVarOf(section: string, key: string): string | undefined {
  if (!(section in CONFIG_SECTIONS)) return undefined;
  const envVars = CONFIG_SECTIONS[section as ConfigSectionName].envVars as Record<string, string>;
  return Object.keys(envVars).find((name) => envVars[name] === key);
}

function readConfigFile(path: string): ConfigInput {
  const text = readFileSync(path, 'utf8');
  const parsed: unknown = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the file must hold an object of sections');
  return parsed as ConfigInput;
}

function envInput(env: ConfigSources['env']): ConfigInput {
  const input: ConfigInput = {};
  for (const section of SECTION_NAMES) {
    for (const [name, key] of Object.entries(CONFIG_SECTIONS[section].envVars) as Array<[string, string]>) {
      const value = env[name];
      if (value !== undefined && value !== '') (input[section] ??= {})[key] = value;
    }
  }
  return input;
}

function merge(layers: Array<[Origin, ConfigInput]>): { raw: Record<string, unknown>; origins: Map<string, Origin> } {
  const raw: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  for (const [origin, layer] of layers) {
    for (const [section, values] of Object.entries(layer)) {
      if (values === null || typeof values !== 'object' || Array.isArray(values)) {
        raw[section] = values;
        origins.set(section, origin);
        continue;
      }
      const target = (raw[section] ??= {}) as Record<string, unknown>;
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        target[key] = value;
        origins.set(`${section}.${key}`, origin);
      }
    }
  }
  return { raw, origins };
}

function valueAt(raw: Record<string, unknown>, section: string, field: string): unknown {
  const values = raw[section];
  return values !== null && typeof values === 'object' ? (values as Record<string, unknown>)[field] : undefined;
}

function sectionOrigins(origins: Map<string, Origin>, section: string): string {
  const seen = new Set([...origins].filter(([key]) => key.startsWith(`${section}.`)).map(([, origin]) => origin));
  return seen.size > 0 ? [...seen].join('+') : 'default';
}

function problemsOf(error: z.ZodError, raw: Record<string, unknown>, origins: Map<string, Origin>): ConfigProblem[] {
  return error.issues.flatMap((issue) => {
    const base = issue.path.map(String);
    const keys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...base, k]) : [base];
    return keys.map((path) => {
      const key = path.join('.') || '(root)';
      const [section = '', field = ''] = path;
      const envVar = envVarOf(section, field);
      const value = valueAt(raw, section, field);
      const shown =
        value === undefined || isSecretSetting(section, field)
          ? ''
          : ` (got ${JSON.stringify(redactUrlPassword(value))})`;
      const message = issue.code === 'unrecognized_keys' ? 'unknown setting' : `${issue.message}${shown}`;
      return {
        key,
        ...(envVar ? { envVar } : {}),
        source: origins.get(key) ?? origins.get(section) ?? sectionOrigins(origins, section),
        message,
      };
    });
  });
}

/**
 * Resolves the configuration: defaults < config file (`JOBGRAPH_CONFIG`) < environment <
 * CLI flags. Throws a {@link ConfigError} listing every problem at once, each naming its
 * environment variable and the source of the bad value.
 */
export function loadConfig(sources: ConfigSources): Config {
  const filePath = sources.file ?? sources.env[CONFIG_FILE_ENV_VAR];
  let fileInput: ConfigInput = {};
  if (filePath) {
    try {
      fileInput = readConfigFile(filePath);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConfigError([
        { key: 'file', envVar: CONFIG_FILE_ENV_VAR, source: 'env', message: `cannot read ${filePath}: ${reason}` },
      ]);
    }
  }
  const { raw, origins } = merge([
    ['file', fileInput],
    ['env', envInput(sources.env)],
    ['flag', sources.flags ?? {}],
  ]);
  for (const section of SECTION_NAMES) raw[section] ??= {};
  const result = configSchema.safeParse(raw);
  if (!result.success) throw new ConfigError(problemsOf(result.error, raw, origins));
  return result.data;
}
