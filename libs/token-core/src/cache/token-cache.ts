import { type CachedToken, servableForMs } from './cached-token';
import type { DistributedTokenStore } from './distributed-token-store';
import { type LruEntry, LruMap } from '@app/collections';

/** How much the memory level keeps: `maxBytes` as counted by `entryBytes`, a number of entries, or both. */
export interface TokenCacheLimits {
  readonly maxBytes?: number;
  readonly maxEntries?: number;
}

/**
 * Bytes of heap one memory entry is counted as, besides its token's characters: the key (a 43-character
 * digest), the entry's objects, the answer's JSON around the token, its expiry, and lru-cache's bookkeeping.
 * Measured at about 0.4 KB in heap snapshots of the 10,000-user bench; rounded up.
 */
export const ENTRY_OVERHEAD_BYTES = 512;

/**
 * The size of an entry: its token once (the answer built from it shares the token's characters, see
 * `note`) plus the fixed part. Strings' lengths only, so storing costs nothing measurable and a hit nothing.
 */
export const entryBytes = (token: CachedToken): number =>
  ENTRY_OVERHEAD_BYTES + token.tokenType.length + token.accessToken.length;

/** Where a token came from, for metrics. */
export type CacheOutcome = 'memory' | 'distributed' | 'miss' | 'joined';

/** The memory entry that holds a key's token, kept by a caller to come back to it without the key. */
export type TokenCacheEntry = LruEntry<CachedToken>;

/** A token served by `getOrAcquire`, with its memory entry when it is kept in memory. */
export interface CacheLookup {
  readonly token: CachedToken;
  readonly outcome: CacheOutcome;
  readonly entry?: TokenCacheEntry;
}

/**
 * The sidecar's own token cache in front of msal-node (decisions §3): O(1) look-ups in a bounded LRU,
 * an optional shared store behind it, and single-flight — concurrent misses for one key share one token
 * request.
 */
export class TokenCache<Note = never> {
  private readonly memory: LruMap<CachedToken, Note>;
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    limits: TokenCacheLimits,
    private readonly distributed?: DistributedTokenStore,
  ) {
    this.memory = new LruMap({
      maxEntries: limits.maxEntries,
      maxBytes: limits.maxBytes,
      sizeOf: entryBytes,
    });
  }

  /** Number of entries in memory. */
  get size(): number {
    return this.memory.size;
  }

  /** What the entries in memory are counted as against `maxBytes` (`entryBytes` summed). */
  get bytes(): number {
    return this.memory.bytes;
  }

  /** The cached token for `key`, else the result of `acquire` (stored when it lives long enough). */
  async getOrAcquire(
    key: string,
    forceRefresh: boolean,
    acquire: () => Promise<CachedToken>,
  ): Promise<CacheLookup> {
    if (!forceRefresh) {
      const entry = this.memory.entry(key);
      const cached = entry?.value;
      if (cached !== undefined && servableForMs(cached) > 0)
        return { token: cached, outcome: 'memory', entry };
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

  /**
   * The token of an entry from an earlier `getOrAcquire`, counted as a memory hit, when the entry is still
   * in memory and servable; `undefined` otherwise (evicted, expiring, or the cache was cleared). The token
   * may be a newer one than the caller saw: a forced refresh replaces the entry's token under its key.
   */
  revisit(entry: TokenCacheEntry): CachedToken | undefined {
    const token = this.memory.revisit(entry);
    return token !== undefined && servableForMs(token) > 0 ? token : undefined;
  }

  /**
   * Keeps `note` (something derived from `token`, such as the answer built from it) on the memory entry while
   * the entry holds that token; it goes with the token when the entry is refreshed or evicted. `same`, an equal
   * token whose text is a view into the note, then takes the token's place, so the entry keeps one copy.
   */
  note(entry: TokenCacheEntry, token: CachedToken, note: Note, same?: CachedToken): void {
    this.memory.note(entry, token, note, same);
  }

  /** The note kept on the entry for its current token, if any. */
  noteOf(entry: TokenCacheEntry): Note | undefined {
    return this.memory.noteOf(entry);
  }

  /** Stores a token acquired elsewhere under `key` (when it lives long enough); answers its memory entry. */
  async store(key: string, token: CachedToken): Promise<TokenCacheEntry | undefined> {
    const ttl = servableForMs(token);
    if (ttl <= 0) return undefined;
    const entry = this.memory.set(key, token);
    await this.distributed?.set(key, token, ttl);
    return entry;
  }

  private async lookupThenAcquire(
    key: string,
    forceRefresh: boolean,
    acquire: () => Promise<CachedToken>,
  ): Promise<CacheLookup> {
    if (!forceRefresh && this.distributed !== undefined) {
      const shared = await this.distributed.get(key);
      if (shared !== undefined && servableForMs(shared) > 0) {
        return { token: shared, outcome: 'distributed', entry: this.memory.set(key, shared) };
      }
    }
    const token = await acquire();
    return { token, outcome: 'miss', entry: await this.store(key, token) };
  }
}
