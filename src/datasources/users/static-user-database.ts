import type { UserDatabase, UserEntry } from './user-database';

/** A fixed uid ↔ name table: the demo's users, or a host without NSS access. */
export function createStaticUserDatabase(entries: readonly UserEntry[]): UserDatabase {
  const byUid = new Map(entries.map((e) => [e.uid, e.name]));
  const byName = new Map(entries.map((e) => [e.name, e.uid]));
  const pick = <K, V>(table: Map<K, V>, keys: readonly K[]): Map<K, V> => {
    const found = new Map<K, V>();
    for (const key of keys) {
      const value = table.get(key);
      if (value !== undefined) found.set(key, value);
    }
    return found;
  };
  return {
    namesByUid: async (uids) => pick(byUid, uids),
    uidsByName: async (names) => pick(byName, names),
  };
}
