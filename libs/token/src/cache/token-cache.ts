import { type CachedToken, servableForMs } from './cached-token';
import type { DistributedTokenStore } from './distributed-token-store';
import { LruMap } from '@app/collections';

/** Where a token came from, for metrics. */
export type CacheOutcome = 'memory' | 'distributed' | 'miss' | 'joined';

/**
 * The sidecar's own token cache in front of msal-node (decisions §3): O(1) look-ups in a bounded LRU,
 * an optional shared store behind it, and single-flight — concurrent misses for one key share one token
 * request.
 */
export class TokenCache {
  private readonly memory: LruMap<CachedToken>;
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    maxEntries: number,
    private readonly distributed?: DistributedTokenStore,
  ) {
    this.memory = new LruMap(maxEntries);
  }

  /** Number of entries in memory. */
  get size(): number {
    return this.memory.size;
  }

  /** The cached token for `key`, else the result of `acquire` (stored when it lives long enough). */
  async getOrAcquire(
    key: string,
    forceRefresh: boolean,
    acquire: () => Promise<CachedToken>,
  ): Promise<{ token: CachedToken; outcome: CacheOutcome }> {
    if (!forceRefresh) {
      const cached = this.memory.get(key);
      if (cached !== undefined && servableForMs(cached) > 0) return { token: cached, outcome: 'memory' };
      const pending = this.inFlight.get(key);
      if (pending !== undefined) return { token: await pending, outcome: 'joined' };
    }
    const lookup = this.lookupThenAcquire(key, forceRefresh, acquire);
    if (!forceRefresh) {
      const shared = lookup.then((result) => result.token);
      // Joiners see the failure; without joiners it must not surface as an unhandled rejection.
      shared.catch(() => undefined);
      this.inFlight.set(key, shared);
    }
    try {
      return await lookup;
    } finally {
      if (!forceRefresh) this.inFlight.delete(key);
    }
  }

  /** Stores a token acquired elsewhere under `key` (when it lives long enough). */
  async store(key: string, token: CachedToken): Promise<void> {
    const ttl = servableForMs(token);
    if (ttl <= 0) return;
    this.memory.set(key, token);
    await this.distributed?.set(key, token, ttl);
  }

  private async lookupThenAcquire(
    key: string,
    forceRefresh: boolean,
    acquire: () => Promise<CachedToken>,
  ): Promise<{ token: CachedToken; outcome: CacheOutcome }> {
    if (!forceRefresh && this.distributed !== undefined) {
      const shared = await this.distributed.get(key);
      if (shared !== undefined && servableForMs(shared) > 0) {
        this.memory.set(key, shared);
        return { token: shared, outcome: 'distributed' };
      }
    }
    const token = await acquire();
    await this.store(key, token);
    return { token, outcome: 'miss' };
  }
}
