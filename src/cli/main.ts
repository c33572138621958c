#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '../config';
import { JobgraphError } from '../errors';
import { configCommand } from './config.command';
import { demoCommand } from './demo.command';
import { forwardCommand } from './forward.command';
import { nodeVersionWarning } from './node-version';
import { schemaCommand } from './schema.command';
import { serveCommand } from './serve.command';

/** The `jobgraph` program: the only place that exits the process. */
export function createProgram(): Command {
  return new Command('jobgraph')
    .description(
      'One GraphQL API over an HPC facility\'s batch jobs (Flux, job history, eLog, profiles).\nStart with "jobgraph demo" to try it on simulated backends.',
    )
    .addCommand(demoCommand())
    .addCommand(serveCommand())
    .addCommand(forwardCommand())
    .addCommand(schemaCommand())
    .addCommand(configCommand())
    .showHelpAfterError();
}

if (require.main === module) {
  const warning = nodeVersionWarning(process.version);
  if (warning) process.stderr.write(warning);
  createProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      // A configuration or backend error is the user's to read, not a stack: only unknown errors get one.
      const known = error instanceof ConfigError || error instanceof JobgraphError || !(error instanceof Error);
      process.stderr.write(
        `jobgraph: ${known ? String(error instanceof Error ? error.message : error) : error.stack}\n`,
      );
      process.exit(error instanceof ConfigError ? 2 : 1);
    });
}
