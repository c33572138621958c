import { Command } from 'commander';
import { addConfigFlags, configFromFlags } from './config-flags';
import type { ConfigFlagValues } from './config-flags';
import { runGateway } from './run-gateway';

/**
 * `jobgraph demo` (what `npm start` runs): starts every backend simulator over one seeded
 * dataset, then the gateway against them through the production code path (only the
 * addresses differ). Each simulator is started here with a few lines and closed on shutdown.
 */
export function demoCommand(): Command {
  return addConfigFlags(
    new Command('demo').description('start the backend simulators over a seeded dataset and the gateway against them; prints the playground URL'),
  ).action(async (flags: ConfigFlagValues) => {
    const config = configFromFlags(flags);
    await runGateway({ config, banner: 'jobgraph demo' });
  });
}
