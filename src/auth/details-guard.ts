import type { UserDatabase } from '../datasources/users/user-database';
import type { Caller } from './caller';
import { assertCanSeeJobDetails } from './job-visibility';

/** Enforces the job-detail rule for one request's caller. */
export interface DetailsGuard {
  /**
   * Resolves when the caller may see `field` of a job owned by `ownerUid`; else throws FORBIDDEN.
   * An unknown owner (`undefined`: a text job id, a job Flux no longer knows) leaves the field to operators.
   */
  assertDetails(ownerUid: number | undefined, field: string): Promise<void>;
  /**
   * {@link assertDetails} for a job whose owner must be looked up first (`findOwner`, e.g. through
   * the Flux job loader): operators pass without the lookup.
   */
  assertDetailsOf(findOwner: () => Promise<number | undefined>, field: string): Promise<void>;
}

/**
 * Builds the guard of one request. The caller's uid is looked up in the user database at most
 * once per request, and only when a non-operator asks for details.
 */
export function createDetailsGuard(caller: Caller, users: UserDatabase): DetailsGuard {
  let uid: Promise<number | undefined> | undefined;
  const guard: DetailsGuard = {
    async assertDetails(ownerUid, field) {
      if (caller.isOperator) return;
      uid ??= users.uidsByName([caller.user]).then((found) => found.get(caller.user));
      const resolved = await uid;
      assertCanSeeJobDetails({ ...caller, ...(resolved !== undefined ? { uid: resolved } : {}) }, ownerUid, field);
    },
    async assertDetailsOf(findOwner, field) {
      if (caller.isOperator) return;
      await guard.assertDetails(await findOwner(), field);
    },
  };
  return guard;
}
