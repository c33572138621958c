import type { z } from 'zod';
import { CONFIG_SECTIONS } from './config.schema';
import type { ConfigSection, ConfigSectionName } from './config.schema';

/** One setting as documented in `.env.example` and docs/configuration.md. */
export interface ConfigSetting {
  section: ConfigSectionName;
  key: string;
  envVar: string;
  description: string;
  /** The default as it would be written in the environment; undefined = unset. */
  defaultValue: string | undefined;
  /** Never printed or logged. */
  secret: boolean;
}

/** Whether a section field is marked `.meta({ secret: true })`. */
export function isSecretField(field: z.ZodType | undefined): boolean {
  const meta = field?.meta() as { secret?: unknown } | undefined;
  return meta?.secret === true;
}

type Shaped = { shape?: Record<string, z.ZodType>; in?: Shaped };

function sectionShape(section: ConfigSectionName): Record<string, z.ZodType> {
  // A section is a zod object, possibly piped into a transform (its input object then has the shape).
  const schema = CONFIG_SECTIONS[section].schema as unknown as Shaped;
  return schema.shape ?? schema.in?.shape ?? {};
}

function isSecretKey(section: ConfigSectionName, key: string): boolean {
  const secretKeys: readonly string[] = (CONFIG_SECTIONS[section] as ConfigSection).secretKeys ?? [];
  return secretKeys.includes(key) || isSecretField(sectionShape(section)[key]);
}

/** Whether a setting holds a secret (never echoed, not even in error messages). */
export function isSecretSetting(section: string, key: string): boolean {
  return section in CONFIG_SECTIONS && isSecretKey(section as ConfigSectionName, key);
}

function envText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.join(',');
  return String(value);
}

/** Every setting of every section, in section order, with its env var, description and default. */
export function configSettings(): ConfigSetting[] {
  const settings: ConfigSetting[] = [];
  for (const section of Object.keys(CONFIG_SECTIONS) as ConfigSectionName[]) {
    const { schema, envVars } = CONFIG_SECTIONS[section];
    const defaults = schema.parse({}) as Record<string, unknown>;
    const shape = sectionShape(section);
    for (const [envVar, key] of Object.entries(envVars) as Array<[string, string]>) {
      const field = shape[key];
      settings.push({
        section,
        key,
        envVar,
        description: field?.description ?? '',
        defaultValue: envText(defaults[key]),
        secret: isSecretKey(section, key),
      });
    }
  }
  return settings;
}

const URL_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*):[^@/\s]*@/i;

/** A URL's password (`https://user:pass@host` → `https://user:<redacted>@host`); other values unchanged. */
export function redactUrlPassword(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(URL_PASSWORD, '$1:<redacted>@') : value;
}

/**
 * The config with every secret setting replaced by `"<redacted>"` (when set), and the password of
 * any URL setting (`JOBGRAPH_ELASTICSEARCH_URL=https://user:pass@es:9200`) too.
 */
export function redactConfig<T extends Record<string, Record<string, unknown>>>(config: T): T {
  const copy: Record<string, Record<string, unknown>> = {};
  for (const [section, values] of Object.entries(config)) {
    copy[section] = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        value !== undefined && isSecretKey(section as ConfigSectionName, key) ? '<redacted>' : redactUrlPassword(value),
      ]),
    );
  }
  return copy as T;
}
