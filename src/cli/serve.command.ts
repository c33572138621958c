import { Command } from 'commander';
import { applyServeDefaults } from '../config';
import { addConfigFlags, configFromFlags } from './config-flags';
import type { ConfigFlagValues } from './config-flags';
import { runGateway } from './run-gateway';

/** `jobgraph serve`: the production gateway against the configured backends. */
export function serveCommand(): Command {
  return addConfigFlags(
    new Command('serve')
      .description('run the gateway against the configured backends (FLUX_URI and the JOBGRAPH_* settings)')
      .addHelpText(
        'after',
        '\nJOBGRAPH_AUTH must be set (proxy-header, jwt or none): see docs/deployment.md.\n\nExample:\n  JOBGRAPH_AUTH=proxy-header FLUX_URI=ssh://flux@login1/run/flux/local jobgraph serve --port 4000',
      ),
  ).action(async (flags: ConfigFlagValues) => {
    await runGateway({ config: applyServeDefaults(configFromFlags(flags)) });
  });
}
