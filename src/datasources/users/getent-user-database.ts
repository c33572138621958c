import { execFile } from 'node:child_process';
import { UpstreamTimeoutError, UpstreamUnavailableError } from '../../errors';
import { USER_NAME_PATTERN } from './user-database';
import type { UserDatabase, UserEntry } from './user-database';

/** Bytes of keys per getent call: far below the kernel's argument limit (spawn E2BIG). */
const KEY_BYTES_PER_CALL = 64 * 1024;

/** Splits keys into groups of at most {@link KEY_BYTES_PER_CALL} bytes. */
function chunks(keys: readonly string[]): string[][] {
  const groups: string[][] = [];
  let group: string[] = [];
  let bytes = 0;
  for (const key of keys) {
    if (group.length > 0 && bytes + key.length + 1 > KEY_BYTES_PER_CALL) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(key);
    bytes += key.length + 1;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** Options of {@link createGetentUserDatabase}. */
export interface GetentUserDatabaseOptions {
  /** The getent program (`JOBGRAPH_USERS_GETENT`, default `getent`). */
  command: string;
  /** Deadline of one call, ms (`JOBGRAPH_USERS_TIMEOUT_MS`, default 5000). */
  timeoutMs: number;
}

/** Parses `passwd` lines (`name:x:uid:gid:gecos:home:shell`). */
export function parsePasswd(text: string): UserEntry[] {
  return text
    .split('\n')
    .map((line) => line.split(':'))
    .filter((fields) => fields.length >= 3 && fields[0] !== '' && /^\d+$/.test(fields[2] ?? ''))
    .map((fields) => ({ name: fields[0] ?? '', uid: Number(fields[2]) }));
}

/**
 * The host's user database through `getent passwd -- KEY…` calls (one for all keys, or one per
 * 64 KiB of keys). getent exits 2 when some keys are unknown but still prints the others, so exit
 * status 2 is not an error. Names that are not user names (NUL, `-` first, over 64 characters)
 * are never passed on: they are unknown.
 */
export function createGetentUserDatabase(options: GetentUserDatabaseOptions): UserDatabase {
  const query = async (keys: readonly string[]): Promise<UserEntry[]> =>
    (await Promise.all(chunks(keys).map(call))).flat();
  const call = (keys: readonly string[]): Promise<UserEntry[]> => {
    if (keys.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      execFile(
        options.command,
        ['passwd', '--', ...keys],
        { timeout: options.timeoutMs, encoding: 'utf8' },
        (error, stdout) => {
          if (!error || error.code === 2) return resolve(parsePasswd(stdout));
          if (error.killed)
            return reject(new UpstreamTimeoutError('users', `getent passwd took longer than ${options.timeoutMs} ms`));
          reject(new UpstreamUnavailableError('users', `getent passwd failed: ${error.message}`, { cause: error }));
        },
      );
    });
  };
  return {
    async namesByUid(uids) {
      const entries = await query([...new Set(uids)].map(String));
      return new Map(entries.map((e) => [e.uid, e.name]));
    },
    async uidsByName(names) {
      const entries = await query([...new Set(names)].filter((n) => !/^\d+$/.test(n) && USER_NAME_PATTERN.test(n)));
      return new Map(entries.map((e) => [e.name, e.uid]));
    },
  };
}
