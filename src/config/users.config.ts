import { z } from 'zod';
import { envInt } from './env-value';

/** The system user database (NSS), used to turn job uids into user names. */
export const usersConfigSchema = z.object({
  /** `getent` program queried once per request for all uids (`JOBGRAPH_USERS_GETENT`, default `getent`). */
  getentCommand: z.string().min(1).default('getent').describe('getent program used to resolve uids to names'),
  /** Deadline of one `getent` call in ms (`JOBGRAPH_USERS_TIMEOUT_MS`, default 5000). */
  timeoutMs: envInt(1, 60_000).default(5_000).describe('deadline of one getent call, ms'),
});

/** Environment variables of the `users` section → its keys. */
export const usersEnvVars = {
  JOBGRAPH_USERS_GETENT: 'getentCommand',
  JOBGRAPH_USERS_TIMEOUT_MS: 'timeoutMs',
} as const satisfies Record<string, keyof z.infer<typeof usersConfigSchema>>;
