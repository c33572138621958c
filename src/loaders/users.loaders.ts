import DataLoader from 'dataloader';
import type { UserDatabase } from '../datasources/users/user-database';
import { tracedBatch } from './traced-batch';

/** Per-request user-database loaders. */
export interface UserLoaders {
  /** uid → user name (null when unknown); all uids of a request in one user-database call. */
  userName: DataLoader<number, string | null>;
}

/** Builds the user loaders for one request. */
export function createUserLoaders(users: UserDatabase): UserLoaders {
  return {
    userName: new DataLoader<number, string | null>(
      tracedBatch('users.userName', async (uids) => {
        const names = await users.namesByUid(uids);
        return uids.map((uid) => names.get(uid) ?? null);
      }),
    ),
  };
}
