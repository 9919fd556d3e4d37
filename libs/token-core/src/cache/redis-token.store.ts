import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { CachedToken } from './cached-token';
import { DistributedTokenStore } from './distributed-token-store';
import { decryptValue, encryptValue } from './encrypted-value';
import { sha256 } from './token-cache-key';

/** How the shared store is reached. */
export interface RedisStoreOptions {
  readonly connectionString: string;
  readonly encryptionKey: Buffer;
  readonly keyPrefix: string;
  /** Per-command timeout: a slow Redis must not slow token requests down. */
  readonly commandTimeoutMs: number;
}

/**
 * Redis as the shared second level (decisions §3): values encrypted with AES-256-GCM, TTL = the entry's
 * servable lifetime. Every failure is soft: a warning when Redis becomes unavailable (and when it is back),
 * and the caller carries on with memory only. Never a failed request.
 */
export class RedisTokenStore extends DistributedTokenStore {
  private readonly client: Redis;
  private available = true;

  constructor(
    private readonly options: RedisStoreOptions,
    private readonly logger: Logger,
  ) {
    super();
    // ioredis is loaded only when a Redis cache is configured: most sidecars never need it at start-up.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Redis: RedisClient } = require('ioredis') as typeof import('ioredis');
    this.client = new RedisClient(options.connectionString, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.commandTimeoutMs,
      connectTimeout: options.commandTimeoutMs * 4,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection errors surface through the commands; the listener only keeps ioredis from throwing.
    this.client.on('error', () => this.markUnavailable('connection error'));
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
