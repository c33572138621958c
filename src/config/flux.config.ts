import { z } from 'zod';
import { envInt } from './env-value';

/** The Flux broker (contract flux.md §1, §3). */
export const fluxConfigSchema = z.object({
  /** Broker URI: `local://PATH` or `ssh://[user@]host[:port]/PATH` (`FLUX_URI`, default `local:///run/flux/local`). */
  uri: z
    .string()
    .regex(/^(local|ssh):\/\//, 'must start with local:// or ssh://')
    .default('local:///run/flux/local')
    .describe('Flux broker: local://PATH or ssh://[user@]host[:port]/PATH'),
  /** Deadline of every RPC in ms (`JOBGRAPH_FLUX_TIMEOUT_MS`, default 30000). */
  timeoutMs: envInt(1, 3_600_000).default(30_000).describe('deadline of every Flux RPC, ms'),
  /** Connections to the broker (`JOBGRAPH_FLUX_POOL_SIZE`, default 2). */
  poolSize: envInt(1, 64).default(2).describe('connections to the Flux broker'),
  /** RPCs in flight per connection; more wait in a queue (`JOBGRAPH_FLUX_MAX_IN_FLIGHT`, default 256). */
  maxInFlight: envInt(1, 65_536).default(256).describe('Flux RPCs in flight per connection before queueing'),
  /** ssh program for `ssh://` URIs (`FLUX_SSH`, default `ssh`). */
  sshCommand: z.string().min(1).default('ssh').describe('ssh program used for ssh:// URIs'),
  /** Remote flux command for `ssh://` URIs (`FLUX_SSH_RCMD`, default `flux`). */
  sshRemoteCommand: z.string().min(1).default('flux').describe('remote flux command run over ssh (flux relay)'),
});

/** Environment variables of the `flux` section → its keys. */
export const fluxEnvVars = {
  FLUX_URI: 'uri',
  JOBGRAPH_FLUX_TIMEOUT_MS: 'timeoutMs',
  JOBGRAPH_FLUX_POOL_SIZE: 'poolSize',
  JOBGRAPH_FLUX_MAX_IN_FLIGHT: 'maxInFlight',
  FLUX_SSH: 'sshCommand',
  FLUX_SSH_RCMD: 'sshRemoteCommand',
} as const satisfies Record<string, keyof z.infer<typeof fluxConfigSchema>>;
