/**
 * The system's user database (NSS on a real host, a fixed table in demo mode). Callers ask for
 * many ids at once: one call per GraphQL request, never one per job.
 */
export interface UserDatabase {
  /** Names of the given uids; uids the database does not know are absent from the map. */
  namesByUid(uids: readonly number[]): Promise<Map<number, string>>;
  /** Uids of the given user names; unknown names are absent from the map. */
  uidsByName(names: readonly string[]): Promise<Map<string, number>>;
}

/** One `passwd` entry as the gateway needs it. */
export interface UserEntry {
  uid: number;
  name: string;
}

/** A user name the gateway passes on: POSIX portable characters, not starting with `-`, at most 64 characters. */
export const USER_NAME_PATTERN = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;

/** Largest uid (uid_t is 32-bit; 4294967295 is the "no user" value). */
export const MAX_UID = 4_294_967_294;
