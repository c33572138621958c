import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { gatewaySchemaSdl, gatewaySubgraphSdl } from '../server/gateway-schema';

/** `jobgraph schema`: prints the SDL (what `schema.graphql` holds; with `--federation`, `subgraph.graphql`). */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the GraphQL schema (SDL) the gateway serves')
    .option('-o, --output <file>', 'write to a file instead of stdout (npm run schema writes schema.graphql)')
    .option('--federation', 'the Federation v2 subgraph SDL (_service { sdl }, JOBGRAPH_FEDERATION=on) instead')
    .action((flags: { output?: string; federation?: boolean }) => {
      const sdl = flags.federation ? gatewaySubgraphSdl() : gatewaySchemaSdl();
      if (flags.output) writeFileSync(flags.output, sdl);
      else process.stdout.write(sdl);
    });
}
