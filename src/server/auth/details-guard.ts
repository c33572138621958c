import type { UserDatabase } from '../../datasources/users/user-database';
import type { Caller } from './caller';
import { assertCanSeeJobDetails } from './job-visibility';

/** Enforces the job-detail rule for one request's caller. */
export interface DetailsGuard {
  /** Resolves when the caller may see `field` of a job owned by `ownerUid`; else throws FORBIDDEN. */
  assertDetails(ownerUid: number, field: string): Promise<void>;
}

/**
 * Builds the guard of one request. The caller's uid is looked up in the user database at most
 * once per request, and only when a non-operator asks for details.
 */
export function createDetailsGuard(caller: Caller, users: UserDatabase): DetailsGuard {
  let uid: Promise<number | undefined> | undefined;
  return {
    async assertDetails(ownerUid, field) {
      if (caller.isOperator) return;
      uid ??= users.uidsByName([caller.user]).then((found) => found.get(caller.user));
      const resolved = await uid;
      assertCanSeeJobDetails({ ...caller, ...(resolved !== undefined ? { uid: resolved } : {}) }, ownerUid, field);
    },
  };
}
