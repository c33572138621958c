import type { UserDatabase } from '../datasources/users/user-database';
import type { Caller } from './caller';
import { assertCanSeeJobDetails } from './job-visibility';
import type { ResolvedCaller } from './job-visibility';

/** Enforces the job-detail rule for one request's caller. */
export interface DetailsGuard {
  /**
   * True when the caller sees every job's details (operators): {@link assertDetails} would pass for
   * any job, so a hot resolver may skip the call and its await (two per job of a page).
   */
  readonly allowsAll: boolean;
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
  /** The caller with their uid (looked up once per request; undefined when the user database has no such user). */
  resolvedCaller(): Promise<ResolvedCaller>;
}

/**
 * Builds the guard of one request. The caller's uid is looked up in the user database at most
 * once per request, and only when a non-operator asks for details.
 */
export function createDetailsGuard(caller: Caller, users: UserDatabase): DetailsGuard {
  let resolved: Promise<ResolvedCaller> | undefined;
  const guard: DetailsGuard = {
    allowsAll: caller.isOperator,
    async assertDetails(ownerUid, field) {
      if (caller.isOperator) return;
      assertCanSeeJobDetails(await guard.resolvedCaller(), ownerUid, field);
    },
    resolvedCaller() {
      resolved ??= users
        .uidsByName([caller.user])
        .then((found) => found.get(caller.user))
        .then((uid) => ({ ...caller, ...(uid !== undefined ? { uid } : {}) }));
      return resolved;
    },
    async assertDetailsOf(findOwner, field) {
      if (caller.isOperator) return;
      await guard.assertDetails(await findOwner(), field);
    },
  };
  return guard;
}
