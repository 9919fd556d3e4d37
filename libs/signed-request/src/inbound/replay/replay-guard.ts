import type { DistributedTokenStore } from '@app/token-core';
import { LRUCache } from 'lru-cache';

/** What the replay guard tells its owner, for logs and metrics. */
export interface ReplayGuardEvents {
  /** A remembered SHR was pushed out before its lifetime ended: the memory is too small for the traffic. */
  evictedEarly(): void;
  /** The shared store did not answer: this replica's memory decided alone. */
  storeUnavailable(): void;
}

/**
 * Replay protection beyond the reference (`Sidecar:PopValidation:ReplayProtection`): each signed request is
 * accepted once while it is acceptable at all (until `ts` + lifetime + skew, after which the `ts` check
 * refuses it anyway).
 *
 * - Memory: a bounded LRU (`ReplayCacheSize`) with a TTL per entry. Checked and set without an await, so two
 *   concurrent uses on one replica cannot both pass. A full cache evicts the oldest entry even if it is still
 *   live, which `evictedEarly` reports: size the cache to the PoP requests of one lifetime.
 * - Shared: with the Redis token cache configured, the claim is also made there (SET NX PX), so replicas that
 *   share one Redis refuse a replay made on another.
 * - Redis unavailable: fail open to the memory check. Replays on the same replica are still refused; across
 *   replicas they become possible until Redis is back, within one SHR lifetime. An outage of the shared cache
 *   never fails a request elsewhere in the sidecar, and must not take PoP authentication down either: the
 *   signature, the key binding, `ts` and `m`/`u`/`p` are all still checked.
 */
export class ReplayGuard {
  private readonly seen: LRUCache<string, number>;

  constructor(
    capacity: number,
    private readonly events: ReplayGuardEvents,
    private readonly store?: DistributedTokenStore,
  ) {
    this.seen = new LRUCache<string, number>({
      max: capacity,
      dispose: (expiresAtMs, _key, reason) => {
        if (reason === 'evict' && expiresAtMs > Date.now()) events.evictedEarly();
      },
    });
  }

  /** True the first time `key` is used before `expiresAtMs`; false for a replay. */
  async firstUse(key: string, expiresAtMs: number, nowMs: number): Promise<boolean> {
    const ttlMs = Math.max(1, Math.ceil(expiresAtMs - nowMs));
    if (this.seen.has(key)) return false;
    this.seen.set(key, expiresAtMs, { ttl: ttlMs });
    if (this.store === undefined) return true;
    const claimed = await this.store.claimOnce(`shr:${key}`, ttlMs);
    if (claimed !== undefined) return claimed;
    this.events.storeUnavailable();
    return true;
  }
}
