import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { gatewaySchemaSdl } from '../server/gateway-schema';

/** `jobgraph schema`: prints the SDL (what `schema.graphql` holds). */
export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the GraphQL schema (SDL) the gateway serves')
    .option('-o, --output <file>', 'write to a file instead of stdout (npm run schema writes schema.graphql)')
    .action((flags: { output?: string }) => {
      const sdl = gatewaySchemaSdl();
      if (flags.output) writeFileSync(flags.output, sdl);
      else process.stdout.write(sdl);
    });
}
