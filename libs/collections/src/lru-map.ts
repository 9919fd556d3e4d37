import { LRUCache } from 'lru-cache';

/**
 * A handle on one entry, from `entry` or `set`: a caller that keeps it can come back to the entry with
 * `revisit` without keeping its key. It stays tied to the key: a `set` of a new value for the key is seen
 * through it. Once the entry is evicted or deleted, `revisit` answers `undefined` and the handle lets go of the
 * value and the note, so a kept handle keeps nothing alive.
 */
export interface LruEntry<V> {
  readonly value: V | undefined;
}

interface Slot<V, N> extends LruEntry<V> {
  readonly key: string;
  value: V | undefined;
  /** What a caller derived from this value (`note`); dropped with the value. */
  note: N | undefined;
  /** False once the entry left the map; a handle kept elsewhere must not bring it back. */
  present: boolean;
}

/**
 * lru-cache with entry handles and notes, which the token cache needs (libs/token README, "Cache"): an answer
 * built from a cached token lives on the token's entry and goes when the token is replaced or evicted.
 * lru-cache does the storing, the recency and the eviction; this class only keeps one slot object per key
 * (mutated on `set`, never swapped) and marks it gone from lru-cache's `dispose`.
 *
 * It replaced a hand-written linked-list LRU whose `revisit` moved a kept entry without looking its key up.
 * The `lru-map-vs-lru-cache-by-handle` and `-by-key` rows of `npm run bench` (that list against lru-cache on
 * the two hot caches' access patterns, 20,000 entries) could not tell them apart: ratios 0.9–1.2 either way,
 * whichever was the target row reading higher. In process the handle saved 35–75 ns a hit, about 0.2% of a
 * request (numbers in the commit that added the rows), so the library does the work and this adds the handles.
 */
export class LruMap<V, N = never> {
  /** Undefined for capacity 0, which lru-cache does not accept: then nothing is stored. */
  private readonly slots: LRUCache<string, Slot<V, N>> | undefined;

  /** `maxEntries` 0 stores nothing. */
  constructor(maxEntries: number) {
    this.slots = maxEntries > 0 ? new LRUCache({ max: maxEntries, dispose: forget }) : undefined;
  }

  get size(): number {
    return this.slots?.size ?? 0;
  }

  get(key: string): V | undefined {
    return this.slots?.get(key)?.value;
  }

  /** Like `get`, but answers the entry's handle. */
  entry(key: string): LruEntry<V> | undefined {
    return this.slots?.get(key);
  }

  /**
   * The value of an entry found earlier through this map's `entry` or `set`, counted as a use like `get`;
   * `undefined` when the entry has left the map since.
   */
  revisit(entry: LruEntry<V>): V | undefined {
    const slot = entry as Slot<V, N>;
    if (!slot.present) return undefined;
    this.slots?.get(slot.key);
    return slot.value;
  }

  /**
   * Keeps `note` on the entry for as long as it holds `value`: a value derived from it (an answer built from a
   * cached token, say) that lives and dies with it. Ignored when the entry holds another value or left the map.
   */
  note(entry: LruEntry<V>, value: V, note: N): void {
    const slot = entry as Slot<V, N>;
    if (slot.present && slot.value === value) slot.note = note;
  }

  /** The note kept for the entry's current value, if any. */
  noteOf(entry: LruEntry<V>): N | undefined {
    return (entry as Slot<V, N>).note;
  }

  /** Stores `value` under `key`; answers the entry's handle (`undefined` when the capacity is 0). */
  set(key: string, value: V): LruEntry<V> | undefined {
    if (this.slots === undefined) return undefined;
    const existing = this.slots.get(key);
    if (existing !== undefined) {
      existing.value = value;
      existing.note = undefined;
      return existing;
    }
    const slot: Slot<V, N> = { key, value, note: undefined, present: true };
    this.slots.set(key, slot);
    return slot;
  }

  delete(key: string): void {
    this.slots?.delete(key);
  }

  clear(): void {
    this.slots?.clear();
  }
}

/** lru-cache's `dispose`: the slot left the map (evicted, deleted, cleared); let go of what it held. */
function forget<V, N>(slot: Slot<V, N>): void {
  slot.present = false;
  slot.value = undefined;
  slot.note = undefined;
}
