import { Command } from 'commander';
import { redactConfig } from '../config';
import { addConfigFlags, configFromFlags } from './config-flags';
import type { ConfigFlagValues } from './config-flags';

/** `jobgraph config`: prints the resolved configuration, secrets redacted. */
export function configCommand(): Command {
  return addConfigFlags(
    new Command('config').description(
      'print the resolved configuration (defaults < config file < environment < flags) as JSON, secrets redacted',
    ),
  ).action((flags: ConfigFlagValues) => {
    process.stdout.write(`${JSON.stringify(redactConfig(configFromFlags(flags)), null, 2)}\n`);
  });
}
