import type { RedisSettings } from '@app/config';
import type { Logger } from 'pino';
import type { CachedToken } from './cached-token';
import { DistributedTokenStore } from './distributed-token-store';
import { decryptValue, encryptValue } from './encrypted-value';
import { createRedisClient, type RedisClient } from './redis-client.factory';
import { sha256 } from './token-cache-key';

/** How the shared store is reached. */
export interface RedisStoreOptions {
  /** Topology, password and TLS (`Sidecar:TokenCache:Redis`). */
  readonly connection: RedisSettings;
  readonly encryptionKey: Buffer;
  readonly keyPrefix: string;
  /** Per-command timeout: a slow Redis must not slow token requests down. */
  readonly commandTimeoutMs: number;
}

/**
 * Redis as the shared second level (decisions §3): values encrypted with AES-256-GCM, TTL = the entry's
 * servable lifetime. Every failure is soft: a warning when Redis becomes unavailable (and when it is back),
 * and the caller carries on with memory only. Never a failed request.
 *
 * Every command touches a single key, so in a Redis Cluster the keys need no hash tag: no command spans slots.
 */
export class RedisTokenStore extends DistributedTokenStore {
  private readonly client: RedisClient;
  private available = true;

  constructor(
    private readonly options: RedisStoreOptions,
    private readonly logger: Logger,
  ) {
    super();
    this.client = createRedisClient(options.connection, options.commandTimeoutMs);
    // Connection errors also surface through the commands; the listener keeps ioredis from throwing and says
    // why (ioredis's messages name hosts and Redis's reply, never the password).
    this.client.on('error', (error: unknown) => this.markUnavailable(reason(error)));
    // A Cluster reports a failing node apart from its own state (a master going away before its replica takes over).
    this.client.on('node error', (error: unknown) => this.markUnavailable(reason(error)));
    this.client.on('ready', () => this.markAvailable());
  }

  async get(key: string): Promise<CachedToken | undefined> {
    const value = await this.getValue(`at:${key}`);
    if (value === undefined) return undefined;
    try {
      return JSON.parse(value) as CachedToken;
    } catch {
      return undefined;
    }
  }

  set(key: string, token: CachedToken, ttlMs: number): Promise<void> {
    return this.setValue(`at:${key}`, JSON.stringify(token), ttlMs);
  }

  async getValue(key: string): Promise<string | undefined> {
    const storeKey = this.options.keyPrefix + key;
    try {
      const stored = await this.client.get(storeKey);
      this.markAvailable();
      return stored === null ? undefined : decryptValue(this.options.encryptionKey, storeKey, stored);
    } catch (error) {
      this.markUnavailable(reason(error));
      return undefined;
    }
  }

  async setValue(key: string, value: string, ttlMs: number): Promise<void> {
    const storeKey = this.options.keyPrefix + key;
    try {
      await this.client.set(
        storeKey,
        encryptValue(this.options.encryptionKey, storeKey, value),
        'PX',
        Math.max(1, Math.floor(ttlMs)),
      );
      this.markAvailable();
    } catch (error) {
      this.markUnavailable(reason(error));
    }
  }

  // SET NX PX is one atomic command: of two sidecars claiming the same key at once, exactly one gets 'OK'.
  // The value is a marker, not data, so it is stored as it is.
  async claimOnce(key: string, ttlMs: number): Promise<boolean | undefined> {
    const storeKey = `${this.options.keyPrefix}once:${sha256(key)}`;
    try {
      const answer = await this.client.set(storeKey, '1', 'PX', Math.max(1, Math.floor(ttlMs)), 'NX');
      this.markAvailable();
      return answer === 'OK';
    } catch (error) {
      this.markUnavailable(reason(error));
      return undefined;
    }
  }

  isAvailable(): boolean {
    return this.available && this.client.status === 'ready';
  }

  async ready(timeoutMs: number): Promise<void> {
    if (this.client.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((done) => this.client.once('ready', () => done())),
      new Promise<void>((done) => (timer = setTimeout(done, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  async close(): Promise<void> {
    this.client.disconnect();
    await Promise.resolve();
  }

  private markUnavailable(why: string): void {
    if (!this.available) return;
    this.available = false;
    this.logger.warn(
      { event: 'TokenCacheRedisUnavailable', reason: why },
      'Redis token cache unavailable: using the in-memory cache only.',
    );
  }

  private markAvailable(): void {
    if (this.available) return;
    this.available = true;
    this.logger.info({ event: 'TokenCacheRedisAvailable' }, 'Redis token cache available again.');
  }
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));
