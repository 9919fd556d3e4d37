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

/**
 * How many entries an `LruMap` keeps: at most `maxEntries`, and at most `maxBytes` as counted by `sizeOf` (an
 * estimate from the value, e.g. its strings' lengths), least recently used first out. Either may be left out;
 * `sizeOf` is required with `maxBytes`.
 */
export interface LruLimits<V> {
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly sizeOf?: (value: V, key: string) => number;
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
  /** Undefined for a capacity of 0 entries or bytes, which lru-cache does not accept: then nothing is stored. */
  private readonly slots: LRUCache<string, Slot<V, N>> | undefined;

  /** A number is `{ maxEntries }`; a limit of 0 stores nothing. */
  constructor(limits: number | LruLimits<V>) {
    const { maxEntries, maxBytes, sizeOf } = typeof limits === 'number' ? { maxEntries: limits } : limits;
    if (maxEntries === undefined && maxBytes === undefined) throw new TypeError('LruMap needs a limit');
    if (maxBytes !== undefined && sizeOf === undefined)
      throw new TypeError('LruMap needs sizeOf with maxBytes');
    this.slots =
      maxEntries === 0 || maxBytes === 0
        ? undefined
        : new LRUCache<string, Slot<V, N>>({
            max: maxEntries,
            maxSize: maxBytes,
            // Computed once per `set`, from the value being stored: never on a read.
            sizeCalculation:
              maxBytes === undefined ? undefined : (slot, key) => Math.max(1, sizeOf!(slot.value as V, key)),
            dispose: forget,
          } as LRUCache.Options<string, Slot<V, N>, unknown>);
  }

  get size(): number {
    return this.slots?.size ?? 0;
  }

  /** The estimated bytes of the entries (`sizeOf` summed); 0 without a byte limit. */
  get bytes(): number {
    return this.slots?.calculatedSize ?? 0;
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
   * `same`, when given, takes the place of `value`: an equal value that shares memory with the note (a token
   * whose text is a view into the answer built from it), so the entry keeps one copy of what both hold.
   */
  note(entry: LruEntry<V>, value: V, note: N, same: V = value): void {
    const slot = entry as Slot<V, N>;
    if (!slot.present || slot.value !== value) return;
    slot.value = same;
    slot.note = note;
  }

  /** The note kept for the entry's current value, if any. */
  noteOf(entry: LruEntry<V>): N | undefined {
    return (entry as Slot<V, N>).note;
  }

  /** Stores `value` under `key`; answers the entry's handle (`undefined` when nothing can be stored). */
  set(key: string, value: V): LruEntry<V> | undefined {
    const slots = this.slots;
    if (slots === undefined) return undefined;
    const existing = slots.get(key);
    if (existing !== undefined && slots.maxSize === 0) {
      existing.value = value;
      existing.note = undefined;
      return existing;
    }
    // lru-cache sizes a value when it gets in, not when it is set again: a counted slot leaves and comes back
    // (the same object, so kept handles still see the key's value).
    if (existing !== undefined) slots.delete(key);
    const slot: Slot<V, N> = existing ?? { key, value, note: undefined, present: true };
    slot.value = value;
    slot.note = undefined;
    slot.present = true;
    slots.set(key, slot);
    // lru-cache refuses an entry larger than the whole byte budget: its handle must not read as present.
    if (slots.maxSize > 0 && !slots.has(key)) {
      forget(slot);
      return undefined;
    }
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
