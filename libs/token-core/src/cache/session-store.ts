import { createHash } from 'node:crypto';
import type { DistributedTokenStore } from './distributed-token-store';
import { LRUCache } from 'lru-cache';

/** A long-running OBO session: what is needed to get new tokens without the user's token (spec F.4). */
export interface LongRunningSession {
  readonly refreshToken: string;
  readonly tenant: string;
}

/** Sessions live as long as Entra's refresh tokens may (90 days, sliding). */
const SESSION_TTL_MS = 90 * 24 * 3_600_000;

/**
 * Long-running OBO sessions keyed by session key: in memory (bounded) and, with Redis, shared and kept across
 * restarts (encrypted at rest). The store key is a hash of the session key: the key itself is a bearer handle.
 */
export class SessionStore {
  private readonly memory: LRUCache<string, LongRunningSession>;

  constructor(
    maxEntries: number,
    private readonly distributed?: DistributedTokenStore,
  ) {
    this.memory = new LRUCache({ max: maxEntries });
  }

  async get(sessionKey: string): Promise<LongRunningSession | undefined> {
    const key = storeKey(sessionKey);
    const local = this.memory.get(key);
    if (local !== undefined) return local;
    const shared = await this.distributed?.getValue(key);
    if (shared === undefined) return undefined;
    const session = JSON.parse(shared) as LongRunningSession;
    this.memory.set(key, session);
    return session;
  }

  async set(sessionKey: string, session: LongRunningSession): Promise<void> {
    const key = storeKey(sessionKey);
    this.memory.set(key, session);
    await this.distributed?.setValue(key, JSON.stringify(session), SESSION_TTL_MS);
  }
}

const storeKey = (sessionKey: string): string =>
  `lro:${createHash('sha256').update(sessionKey).digest('base64url')}`;
