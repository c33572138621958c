/**
 * The two building blocks every loader's batch function is made of, and the contract they keep
 * (DataLoader's): a batch function answers ONE result per key, IN KEY ORDER, and a key whose
 * backend call failed gets its own `Error` (the other keys still get their values). A loader never
 * throws for the whole batch and never answers a key with another key's result.
 *
 * - {@link settleEach}: one backend call per key, each settled on its own;
 * - {@link batchByGroup}: keys grouped by a group key, then ONE backend call per group (groups in
 *   parallel), whose answer is split back per key; a failed call fails only its group's keys.
 *
 * Tests: test/unit/loaders/batch.test.ts.
 */

/** What a batch function resolves to: one entry per key, in key order; an `Error` for a failed key. */
export type BatchResults<V> = Array<V | Error>;

/** `error` as an `Error` (a thrown string or object becomes the message of one). */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** Runs `call`, resolving to its value or to the `Error` it threw or rejected with (never rejects). */
export function settle<V>(call: () => V | Promise<V>): Promise<V | Error> {
  // Promise chains rather than an async function: one per key of every batch (docs/performance.md).
  try {
    return Promise.resolve(call()).then(undefined, toError);
  } catch (error) {
    return Promise.resolve(toError(error));
  }
}

/**
 * A batch function that calls `load` once per key, all at once, each key settling on its own:
 * a rejection, or a synchronous throw (e.g. an unconfigured backend), becomes that key's `Error`.
 */
export function settleEach<K, V>(load: (key: K) => V | Promise<V>): (keys: readonly K[]) => Promise<BatchResults<V>> {
  return (keys) => Promise.all(keys.map((key) => settle(() => load(key))));
}

/**
 * A batch function that groups the keys by `groupOf(key)` (in one pass) and calls `call` ONCE per
 * group, with that group's keys in key order; `call` answers one result (or `Error`) per key it was
 * given, in that order. A `call` that throws or rejects fails every key of its group, and only
 * those. Groups are called in parallel.
 */
export function batchByGroup<K, V>(
  groupOf: (key: K) => string,
  call: (group: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
): (keys: readonly K[]) => Promise<BatchResults<V>> {
  return async (keys) => {
    const groups = new Map<string, number[]>();
    keys.forEach((key, index) => {
      const name = groupOf(key);
      const members = groups.get(name);
      if (members) members.push(index);
      else groups.set(name, [index]);
    });
    const results = new Array<V | Error>(keys.length);
    const calls: Promise<void>[] = [];
    for (const indexes of groups.values())
      calls.push(
        settle(() => call(indexes.map((index) => keys[index] as K))).then((answers) => {
          indexes.forEach((index, i) => {
            results[index] =
              answers instanceof Error
                ? answers
                : i < answers.length
                  ? (answers[i] as V | Error)
                  : new Error(`batch call answered ${answers.length} results for ${indexes.length} keys`);
          });
        }),
      );
    await Promise.all(calls);
    return results;
  };
}
