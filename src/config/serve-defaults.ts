import type { Config } from './config.schema';
import { ConfigError } from './config-error';

/** Requests per caller per minute in `jobgraph serve` when JOBGRAPH_RATE_LIMIT_PER_MINUTE is unset. */
export const SERVE_RATE_PER_MINUTE = 600;

/**
 * The production posture of `jobgraph serve`: the caller identity must be chosen explicitly
 * (JOBGRAPH_AUTH; secure by default: no silent "everyone is the Flux owner"), introspection is
 * off and callers are rate-limited unless configured otherwise.
 */
export function applyServeDefaults(config: Config): Config {
  if (config.auth.mode === undefined) {
    throw new ConfigError([
      {
        key: 'auth.mode',
        envVar: 'JOBGRAPH_AUTH',
        source: 'default',
        message:
          'jobgraph serve needs an explicit JOBGRAPH_AUTH: "proxy-header" behind a trusted reverse proxy, "jwt" with bearer tokens, ' +
          'or "none" to let every caller act as the gateway\'s own user (who, as the Flux instance owner, sees every job\'s environment and eventlog)',
      },
    ]);
  }
  if (config.auth.mode === 'none' && config.jobControl.enabled) {
    throw new ConfigError([
      {
        key: 'jobControl.enabled',
        envVar: 'JOBGRAPH_JOB_CONTROL',
        source: 'env',
        message:
          'job control is never served with JOBGRAPH_AUTH=none outside the demo: every caller would act as the Flux instance owner ' +
          'and could cancel any job; identify callers with JOBGRAPH_AUTH=proxy-header or jwt',
      },
    ]);
  }
  return {
    ...config,
    limits: {
      ...config.limits,
      introspection: config.limits.introspection ?? false,
      ratePerMinute: config.limits.ratePerMinute ?? SERVE_RATE_PER_MINUTE,
    },
  };
}
