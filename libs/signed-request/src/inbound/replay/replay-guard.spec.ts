import type { DistributedTokenStore } from '@app/token-core';
import { describe, expect, it } from 'vitest';
import { ReplayGuard, type ReplayGuardEvents } from './replay-guard';
import { replayKey } from './replay-key';

/** A shared store that claims keys in a map, or is down (answers undefined). */
class MapStore {
  readonly claims = new Map<string, number>();
  down = false;

  claimOnce(key: string, ttlMs: number): Promise<boolean | undefined> {
    if (this.down) return Promise.resolve(undefined);
    if (this.claims.has(key)) return Promise.resolve(false);
    this.claims.set(key, ttlMs);
    return Promise.resolve(true);
  }
}

const counting = () => {
  const counts = { evictedEarly: 0, storeUnavailable: 0 };
  const events: ReplayGuardEvents = {
    evictedEarly: () => void counts.evictedEarly++,
    storeUnavailable: () => void counts.storeUnavailable++,
  };
  return { counts, events };
};
const asStore = (store: MapStore) => store as unknown as DistributedTokenStore;

describe('ReplayGuard', () => {
  const now = Date.now();

  it('should accept the first use and refuse the second, in memory', async () => {
    const guard = new ReplayGuard(10, counting().events);

    expect(await guard.firstUse('k', now + 60_000, now)).toBe(true);
    expect(await guard.firstUse('k', now + 60_000, now)).toBe(false);
    expect(await guard.firstUse('other', now + 60_000, now)).toBe(true);
  });

  it('should refuse a use another replica claimed in the shared store, and claim for as long as the SHR lives', async () => {
    // Arrange
    const store = new MapStore();
    const replicaA = new ReplayGuard(10, counting().events, asStore(store));
    const replicaB = new ReplayGuard(10, counting().events, asStore(store));

    // Act
    const onA = await replicaA.firstUse('k', now + 90_000, now);
    const onB = await replicaB.firstUse('k', now + 90_000, now);

    // Assert
    expect([onA, onB]).toEqual([true, false]);
    expect([...store.claims.values()]).toEqual([90_000]);
  });

  it('should fall back to its memory while the shared store is down, and say so', async () => {
    // Arrange
    const store = new MapStore();
    store.down = true;
    const { counts, events } = counting();
    const guard = new ReplayGuard(10, events, asStore(store));

    // Act
    const first = await guard.firstUse('k', now + 60_000, now);
    const second = await guard.firstUse('k', now + 60_000, now);

    // Assert
    expect([first, second]).toEqual([true, false]);
    expect(counts.storeUnavailable).toBe(1);
  });

  it('should forget an SHR once its lifetime is over', async () => {
    const guard = new ReplayGuard(10, counting().events);

    await guard.firstUse('k', Date.now() + 20, Date.now());
    await new Promise((done) => setTimeout(done, 40));

    expect(await guard.firstUse('k', Date.now() + 20, Date.now())).toBe(true);
  });

  it('should stay within its capacity, reporting a live entry pushed out', async () => {
    // Arrange
    const { counts, events } = counting();
    const guard = new ReplayGuard(2, events);

    // Act
    for (const key of ['a', 'b', 'c']) await guard.firstUse(key, now + 60_000, now);

    // Assert
    expect(counts.evictedEarly).toBe(1);
    expect(await guard.firstUse('a', now + 60_000, now)).toBe(true);
  });
});

describe('replayKey', () => {
  it('should key a use by its nonce, scoped to the signing key', () => {
    expect(replayKey({ nonce: 'n1' }, 'shr-1', 'key-a')).toBe(replayKey({ nonce: 'n1' }, 'shr-2', 'key-a'));
    expect(replayKey({ nonce: 'n1' }, 'shr-1', 'key-a')).not.toBe(
      replayKey({ nonce: 'n1' }, 'shr-1', 'key-b'),
    );
  });

  it('should key a use without a nonce by the whole SHR', () => {
    expect(replayKey({}, 'shr-1', 'key-a')).toBe(replayKey({ nonce: '' }, 'shr-1', 'key-b'));
    expect(replayKey({}, 'shr-1', 'key-a')).not.toBe(replayKey({}, 'shr-2', 'key-a'));
  });
});
