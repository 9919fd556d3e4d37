import { describe, expect, it } from 'vitest';
import { LruMap } from './lru-map';

describe('LruMap', () => {
  it('should keep a recently read entry and evict one nobody read', () => {
    // Arrange
    const map = new LruMap<number>(4);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.get('a');

    // Act
    map.set('d', 4);
    map.set('e', 5);

    // Assert
    expect(map.get('a')).toBe(1);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('e')).toBe(5);
  });

  it('should never hold more than its capacity', () => {
    // Arrange
    const map = new LruMap<number>(100);

    // Act
    for (let i = 0; i < 10_000; i++) {
      map.set(`k${i}`, i);
      map.get(`k${i % 7}`);
    }

    // Assert
    expect(map.size).toBeLessThanOrEqual(100);
    expect(map.get('k9999')).toBe(9999);
  });

  it('should keep a full working set that is read in turn', () => {
    // Arrange: as many users as the capacity, each calling in turn
    const map = new LruMap<number>(1_000);
    for (let i = 0; i < 1_000; i++) map.set(`user${i}`, i);

    // Act
    let misses = 0;
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 1_000; i++) if (map.get(`user${i}`) === undefined) misses++;

    // Assert
    expect(misses).toBe(0);
  });

  it('should replace a value without counting the key twice', () => {
    // Arrange
    const map = new LruMap<string>(10);
    map.set('k', 'old');
    for (let i = 0; i < 5; i++) map.set(`other${i}`, 'x');

    // Act
    map.set('k', 'new');

    // Assert
    expect(map.get('k')).toBe('new');
    expect(map.size).toBe(6);
  });

  it('should forget deleted and cleared entries', () => {
    // Arrange
    const map = new LruMap<number>(10);
    map.set('a', 1);
    map.set('b', 2);

    // Act
    map.delete('a');

    // Assert
    expect(map.get('a')).toBeUndefined();
    map.clear();
    expect(map.size).toBe(0);
  });

  it('should serve a kept handle the value last set for its key', () => {
    // Arrange
    const map = new LruMap<string>(10);
    const kept = map.set('k', 'old');

    // Act
    map.set('k', 'new');

    // Assert
    expect(kept).toBeDefined();
    expect(map.revisit(kept!)).toBe('new');
    expect(map.entry('k')).toBe(kept);
  });

  it('should answer nothing through a handle whose entry was evicted, deleted or cleared', () => {
    // Arrange
    const map = new LruMap<number>(2);
    const evicted = map.set('a', 1)!;
    const deleted = map.set('b', 2)!;
    map.set('c', 3);
    const cleared = map.entry('c')!;

    // Act
    map.delete('b');
    map.set('a', 10); // the key comes back as a new entry; the old handle must stay dead
    const afterEviction = map.revisit(evicted);
    map.clear();

    // Assert: dead, and holding no value that could outlive the entry
    expect(afterEviction).toBeUndefined();
    expect(map.revisit(deleted)).toBeUndefined();
    expect(map.revisit(cleared)).toBeUndefined();
    expect([evicted.value, deleted.value, cleared.value]).toEqual([undefined, undefined, undefined]);
    expect(map.size).toBe(0);
  });

  it('should keep a note for the value it was made for, and drop it with that value', () => {
    // Arrange
    const map = new LruMap<string, string>(1);
    const entry = map.set('k', 'v1')!;
    map.note(entry, 'v1', 'note of v1');
    const kept = map.noteOf(entry);

    // Act
    map.set('k', 'v2');
    const afterReplace = map.noteOf(entry);
    map.note(entry, 'v1', 'late note of v1'); // made for a value the entry no longer holds
    const afterLateNote = map.noteOf(entry);
    map.note(entry, 'v2', 'note of v2');
    map.set('other', 'x'); // evicts k

    // Assert
    expect([kept, afterReplace, afterLateNote]).toEqual(['note of v1', undefined, undefined]);
    expect(map.noteOf(entry)).toBeUndefined();
  });

  it('should count a revisit as a use when choosing what to evict', () => {
    // Arrange
    const map = new LruMap<number>(3);
    const a = map.set('a', 1)!;
    map.set('b', 2);
    map.set('c', 3);

    // Act
    map.revisit(a);
    map.set('d', 4);

    // Assert
    expect(map.get('a')).toBe(1);
    expect(map.get('b')).toBeUndefined();
  });

  it('should evict by estimated bytes, and count a replaced value at its new size', () => {
    // Arrange: each entry counts as its value's length
    const map = new LruMap<string>({ maxBytes: 100, sizeOf: (value) => value.length });
    map.set('a', 'x'.repeat(40));
    map.set('b', 'x'.repeat(40));

    // Act
    map.set('c', 'x'.repeat(40));
    const afterThird = { a: map.get('a'), size: map.size, bytes: map.bytes };
    map.set('b', 'x'.repeat(10));

    // Assert
    expect(afterThird).toEqual({ a: undefined, size: 2, bytes: 80 });
    expect(map.bytes).toBe(50);
  });

  it('should keep both limits when given an entry count and bytes', () => {
    // Arrange
    const map = new LruMap<string>({ maxEntries: 2, maxBytes: 1_000, sizeOf: (value) => value.length });

    // Act
    for (const key of ['a', 'b', 'c']) map.set(key, 'x');

    // Assert
    expect(map.size).toBe(2);
    expect(map.get('a')).toBeUndefined();
  });

  it('should refuse an entry larger than the whole budget, and its handle should read as gone', () => {
    // Arrange
    const map = new LruMap<string>({ maxBytes: 10, sizeOf: (value) => value.length });

    // Act
    const handle = map.set('big', 'x'.repeat(11));

    // Assert
    expect(handle).toBeUndefined();
    expect(map.get('big')).toBeUndefined();
    expect(map.size).toBe(0);
  });

  it('should put an equal value sharing memory with the note in place of the noted one', () => {
    // Arrange
    const map = new LruMap<{ text: string }, string>(4);
    const first = { text: 'token' };
    const handle = map.set('k', first)!;
    const same = { text: 'token' };

    // Act
    map.note(handle, first, 'answer', same);
    map.note(handle, first, 'stale answer');

    // Assert: the later note was for a value the entry no longer holds
    expect(map.revisit(handle)).toBe(same);
    expect(map.noteOf(handle)).toBe('answer');
  });

  it('should store nothing when its capacity is 0', () => {
    const map = new LruMap<number>(0);
    map.set('a', 1);
    expect(map.size).toBe(0);
  });

  // The reason this class exists: a hit must not get slower as the map fills (see lru-map.ts).
  it('should serve one hot key in a 10,000-entry map about as fast as in a 10-entry map', () => {
    // Arrange
    const timeHits = (entries: number): number => {
      const map = new LruMap<number>(entries * 2);
      const keys = Array.from({ length: entries }, (_, i) => `${'x'.repeat(800)}.${i}`);
      for (const key of keys) map.set(key, 1);
      const hot = keys[0] ?? '';
      const started = process.hrtime.bigint();
      for (let i = 0; i < 20_000; i++) map.get(hot);
      return Number(process.hrtime.bigint() - started);
    };
    timeHits(10);

    // Act
    const small = timeHits(10);
    const large = timeHits(10_000);

    // Assert: generous, so a noisy machine does not fail it; re-inserting on every hit fails it by far.
    expect(large).toBeLessThan(small * 10 + 5_000_000);
  });

  it('should evict in least-recently-used order under a miss-heavy load', () => {
    // Arrange: twice as many distinct keys as the capacity, each seen once (the distinct-token load)
    const map = new LruMap<number>(10_000);
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}`);

    // Act
    for (const [i, key] of keys.entries()) map.set(key, i);

    // Assert: exactly the newest 10,000 remain
    expect(map.size).toBe(10_000);
    expect(map.get('k9999')).toBeUndefined();
    expect(map.get('k10000')).toBe(10_000);
    expect(map.get('k19999')).toBe(19_999);
  });
});
