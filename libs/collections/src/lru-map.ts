/**
 * A handle on one entry, from `entry` or `set`: a caller that keeps it can come back to the entry with
 * `revisit` instead of looking its key up again (one object read instead of a hash probe, a key compare and
 * the node). It stays tied to the key: a `set` of a new value for the key is seen through it. Once the entry
 * is evicted or deleted, `revisit` answers `undefined` and the handle lets go of the value and the note, so a
 * kept handle keeps nothing alive.
 */
export interface LruEntry<V> {
  readonly value: V | undefined;
}

interface Node<V, N> extends LruEntry<V> {
  readonly key: string;
  value: V | undefined;
  /** What a caller derived from this value (`note`); dropped with the value. */
  note: N | undefined;
  /** False once the entry left the map; a handle kept elsewhere must not bring it back. */
  present: boolean;
  /** Towards the most recently used end. */
  newer: Node<V, N> | undefined;
  /** Towards the least recently used end. */
  older: Node<V, N> | undefined;
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
export class LruMap<V, N = never> {
  private readonly nodes = new Map<string, Node<V, N>>();
  private newest: Node<V, N> | undefined;
  private oldest: Node<V, N> | undefined;

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
    const node = entry as Node<V, N>;
    if (!node.present) return undefined;
    this.touch(node);
    return node.value;
  }

  /**
   * Keeps `note` on the entry for as long as it holds `value`: a value derived from it (an answer built from a
   * cached token, say) that lives and dies with it. Ignored when the entry holds another value or left the map.
   */
  note(entry: LruEntry<V>, value: V, note: N): void {
    const node = entry as Node<V, N>;
    if (node.present && node.value === value) node.note = note;
  }

  /** The note kept for the entry's current value, if any. */
  noteOf(entry: LruEntry<V>): N | undefined {
    return (entry as Node<V, N>).note;
  }

  /** Stores `value` under `key`; answers the entry's handle (`undefined` when the capacity is 0). */
  set(key: string, value: V): LruEntry<V> | undefined {
    if (this.maxEntries <= 0) return undefined;
    const existing = this.nodes.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.note = undefined;
      this.touch(existing);
      return existing;
    }
    const node: Node<V, N> = {
      key,
      value,
      note: undefined,
      present: true,
      newer: undefined,
      older: this.newest,
    };
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
    for (const node of this.nodes.values()) forget(node);
    this.nodes.clear();
    this.newest = undefined;
    this.oldest = undefined;
  }

  private touch(node: Node<V, N>): void {
    if (node === this.newest) return;
    this.unlink(node);
    node.older = this.newest;
    node.newer = undefined;
    if (this.newest !== undefined) this.newest.newer = node;
    this.newest = node;
    this.oldest ??= node;
  }

  private remove(node: Node<V, N>): void {
    forget(node);
    this.unlink(node);
    this.nodes.delete(node.key);
  }

  private unlink(node: Node<V, N>): void {
    if (node.newer !== undefined) node.newer.older = node.older;
    else this.newest = node.older;
    if (node.older !== undefined) node.older.newer = node.newer;
    else this.oldest = node.newer;
    node.newer = undefined;
    node.older = undefined;
  }
}

/** Marks a node as out of the map and lets go of what it held. */
function forget<V, N>(node: Node<V, N>): void {
  node.present = false;
  node.value = undefined;
  node.note = undefined;
}
