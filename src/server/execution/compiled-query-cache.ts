/**
 * A bounded least-recently-used map (insertion order of a Map: a hit moves the entry to the end,
 * the first entry is the least recently used). Holds compiled queries, one per document.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** @param capacity entries kept at most (at least 1). */
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > Math.max(1, this.capacity)) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}
