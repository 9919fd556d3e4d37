/**
 * A handle on one entry, from `entry` or `set`: a caller that keeps it can come back to the entry with
 * `revisit` instead of looking its key up again (one object read instead of a hash probe, a key compare and
 * the node). It stays tied to the key: a `set` of a new value for the key is seen through it, and once the
 * entry is evicted or deleted `revisit` answers `undefined`.
 */
export interface LruEntry<V> {
  readonly value: V;
}

interface Node<V> extends LruEntry<V> {
  readonly key: string;
  value: V;
  /** False once the entry left the map; a handle kept elsewhere must not bring it back. */
  present: boolean;
  /** Towards the most recently used end. */
  newer: Node<V> | undefined;
  /** Towards the least recently used end. */
  older: Node<V> | undefined;
}

/**
 * A bounded map that evicts the least recently used entry: a `Map` to find an entry and a doubly linked list
 * for recency, so every operation is O(1) and a hit only relinks two pointers.
 *
 * Why not the shorter "Map insertion order is the recency order" version: it re-inserts an entry on every hit
 * and finds the oldest with `keys().next()`. In V8's ordered hash table a deleted entry stays in place until
 * the table is rehashed, so (1) re-inserting one hot key lengthens the bucket chain every later look-up of
 * it walks, and (2) evicting from the front leaves holes that `keys().next()` steps over one by one. Both
 * showed in CPU profiles of the bench (a hot key's hit slowing as the map filled; eviction a visible share of
 * the distinct-token load). Here the `Map` only ever gets `set` for a new key and `delete` for an evicted one.
 */
export class LruMap<V> {
  private readonly nodes = new Map<string, Node<V>>();
  private newest: Node<V> | undefined;
  private oldest: Node<V> | undefined;

  /** `maxEntries` 0 stores nothing. */
  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.nodes.size;
  }

  get(key: string): V | undefined {
    return this.entry(key)?.value;
  }

  /** Like `get`, but answers the entry's handle. */
  entry(key: string): LruEntry<V> | undefined {
    const node = this.nodes.get(key);
    if (node === undefined) return undefined;
    this.touch(node);
    return node;
  }

  /**
   * The value of an entry found earlier through this map's `entry` or `set`, counted as a use like `get`;
   * `undefined` when the entry has left the map since.
   */
  revisit(entry: LruEntry<V>): V | undefined {
    const node = entry as Node<V>;
    if (!node.present) return undefined;
    this.touch(node);
    return node.value;
  }

  /** Stores `value` under `key`; answers the entry's handle (`undefined` when the capacity is 0). */
  set(key: string, value: V): LruEntry<V> | undefined {
    if (this.maxEntries <= 0) return undefined;
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.touch(existing);
      return existing;
    }
    const node: Node<V> = { key, value, present: true, newer: undefined, older: this.newest };
    if (this.newest !== undefined) this.newest.newer = node;
    this.newest = node;
    this.oldest ??= node;
    this.nodes.set(key, node);
    if (this.nodes.size > this.maxEntries && this.oldest !== undefined) this.remove(this.oldest);
    return node;
  }

  delete(key: string): void {
    const node = this.nodes.get(key);
    if (node !== undefined) this.remove(node);
  }

  clear(): void {
    for (const node of this.nodes.values()) node.present = false;
    this.nodes.clear();
    this.newest = undefined;
    this.oldest = undefined;
  }

  private touch(node: Node<V>): void {
    if (node === this.newest) return;
    this.unlink(node);
    node.older = this.newest;
    node.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = node;
    this.newest = node;
    this.oldest ??= node;
  }

  private remove(node: Node<V>): void {
    node.present = false;
    this.unlink(node);
    this.nodes.delete(node.key);
  }

  private unlink(node: Node<V>): void {
    if (node.newer !== undefined) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    else this.oldest = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }
}
