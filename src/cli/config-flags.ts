import { Option } from 'commander';
import type { Command } from 'commander';
import { loadConfig } from '../config';
import type { Config, ConfigInput } from '../config';

/** Values of the common configuration flags (commander's camelCase names). */
export interface ConfigFlagValues {
  config?: string;
  port?: string;
  host?: string;
  fluxUri?: string;
  logLevel?: string;
  playground?: boolean;
}

/**
 * Adds the configuration flags; each wins over its environment variable. `server: false` leaves out
 * the ones only a listening gateway uses (`--port`, `--host`, `--no-playground`): `jobgraph forward`
 * listens on nothing, and its help must not offer options that do nothing there.
 */
export function addConfigFlags(command: Command, options: { server?: boolean } = {}): Command {
  command.option('-c, --config <file>', 'JSON or YAML config file (env JOBGRAPH_CONFIG)');
  if (options.server !== false)
    command
      .option('-p, --port <port>', 'port to listen on (env JOBGRAPH_PORT, default 4000)')
      .option('--host <host>', 'interface to bind (env JOBGRAPH_HOST, default 127.0.0.1)');
  command
    .option('--flux-uri <uri>', 'Flux broker, local://PATH or ssh://[user@]host[:port]/PATH (env FLUX_URI)')
    .addOption(
      new Option('--log-level <level>', 'pino log level (env JOBGRAPH_LOG_LEVEL)').choices([
        'fatal',
        'error',
        'warn',
        'info',
        'debug',
        'trace',
        'silent',
      ]),
    );
  if (options.server !== false)
    command.option('--no-playground', 'do not serve the playground (env JOBGRAPH_PLAYGROUND=off)');
  return command;
}

/** The flags as config overrides, by section (unset flags are left out). */
export function flagsToConfigInput(flags: ConfigFlagValues): ConfigInput {
  const server: Record<string, unknown> = {};
  if (flags.port !== undefined) server['port'] = flags.port;
  if (flags.host !== undefined) server['host'] = flags.host;
  if (flags.logLevel !== undefined) server['logLevel'] = flags.logLevel;
  if (flags.playground === false) server['playground'] = false;
  return { server, ...(flags.fluxUri !== undefined ? { flux: { uri: flags.fluxUri } } : {}) };
}

/** Resolves the configuration from defaults, `--config`/JOBGRAPH_CONFIG, the environment and the flags. */
export function configFromFlags(flags: ConfigFlagValues, env: NodeJS.ProcessEnv = process.env): Config {
  return loadConfig({ env, file: flags.config, flags: flagsToConfigInput(flags) });
}
