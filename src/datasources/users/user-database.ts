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
