import { describe, expect, it } from 'vitest';
import type { CachedToken } from './cached-token';
import { TokenCache } from './token-cache';
import { tokenCacheKey } from './token-cache-key';

const token = (name: string, lifetimeMs = 3_600_000): CachedToken => ({
  accessToken: name,
  tokenType: 'Bearer',
  expiresOn: Date.now() + lifetimeMs,
});

describe('TokenCache', () => {
  it('should serve a second look-up from memory', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    let calls = 0;
    const acquire = () => Promise.resolve(token(`t${++calls}`));

    // Act
    const first = await cache.getOrAcquire('k', false, acquire);
    const second = await cache.getOrAcquire('k', false, acquire);

    // Assert
    expect(first.outcome).toBe('miss');
    expect(second).toMatchObject({ token: first.token, outcome: 'memory', entry: first.entry });
    expect(calls).toBe(1);
  });

  it('should serve a kept entry the token its key holds now, and nothing once it is gone', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 1 });
    let calls = 0;
    const acquire = () => Promise.resolve(token(`t${++calls}`));
    const { entry } = await cache.getOrAcquire('k', false, acquire);
    if (entry === undefined) throw new Error('a servable token is kept in memory');

    // Act
    const first = cache.revisit(entry)?.accessToken;
    await cache.getOrAcquire('k', true, acquire); // a forced refresh replaces the key's token
    const refreshed = cache.revisit(entry)?.accessToken;
    await cache.getOrAcquire('other', false, acquire); // evicts k (capacity 1)
    const evicted = cache.revisit(entry);

    // Assert
    expect([first, refreshed, evicted]).toEqual(['t1', 't2', undefined]);
  });

  it('should not serve a kept entry whose token is within 5 minutes of its expiry', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    const { entry } = await cache.getOrAcquire('k', false, () => Promise.resolve(token('t1')));
    if (entry === undefined) throw new Error('a servable token is kept in memory');

    // Act: the same key now holds a token that is about to expire
    await cache.store('k', token('t2', 5 * 60_000 + 50));
    await new Promise((resolve) => setTimeout(resolve, 60));

    // Assert
    expect(cache.revisit(entry)).toBeUndefined();
  });

  it('should let concurrent misses for one key share one acquisition', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    let calls = 0;
    const acquire = () =>
      new Promise<CachedToken>((resolve) => setTimeout(() => resolve(token(`t${++calls}`)), 10));

    // Act
    const results = await Promise.all(
      Array.from({ length: 50 }, () => cache.getOrAcquire('k', false, acquire)),
    );

    // Assert
    expect(calls).toBe(1);
    expect(new Set(results.map((result) => result.token.accessToken))).toEqual(new Set(['t1']));
  });

  it('should bypass the cache for a forced refresh and store the new token', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    let calls = 0;
    const acquire = () => Promise.resolve(token(`t${++calls}`));
    await cache.getOrAcquire('k', false, acquire);

    // Act
    const forced = await cache.getOrAcquire('k', true, acquire);
    const after = await cache.getOrAcquire('k', false, acquire);

    // Assert
    expect(forced.token.accessToken).toBe('t2');
    expect(after.token.accessToken).toBe('t2');
  });

  it('should not serve a token within 5 minutes of its expiry', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    let calls = 0;
    const acquire = () => Promise.resolve(token(`t${++calls}`, 4 * 60_000));

    // Act
    await cache.getOrAcquire('k', false, acquire);
    await cache.getOrAcquire('k', false, acquire);

    // Assert
    expect(calls).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('should evict the least recently used entry beyond its bound', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 2 });
    let calls = 0;
    const acquire = () => Promise.resolve(token(`t${++calls}`));
    await cache.getOrAcquire('a', false, acquire);
    await cache.getOrAcquire('b', false, acquire);
    await cache.getOrAcquire('a', false, acquire);

    // Act
    await cache.getOrAcquire('c', false, acquire);
    await cache.getOrAcquire('a', false, acquire);
    await cache.getOrAcquire('b', false, acquire);

    // Assert: a was recently used and kept; b was evicted and acquired again.
    expect(cache.size).toBe(2);
    expect(calls).toBe(4);
  });

  it('should share a failure with the joined callers and cache nothing', async () => {
    // Arrange
    const cache = new TokenCache({ maxEntries: 10 });
    const failing = () =>
      new Promise<CachedToken>((_, reject) => setTimeout(() => reject(new Error('down')), 5));

    // Act
    const results = await Promise.allSettled([
      cache.getOrAcquire('k', false, failing),
      cache.getOrAcquire('k', false, failing),
    ]);

    // Assert
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(cache.size).toBe(0);
  });
});

describe('tokenCacheKey', () => {
  const base = {
    flow: 'on_behalf_of',
    clientId: 'c',
    authority: 'https://a/',
    tenant: 't',
    scopes: ['b', 'a'],
  };

  it('should not depend on scope order and never contain the assertion', () => {
    // Act
    const key = tokenCacheKey({ ...base, assertion: 'secret.assertion.value' });

    // Assert
    expect(key).toBe(tokenCacheKey({ ...base, scopes: ['a', 'b'], assertion: 'secret.assertion.value' }));
    expect(key).not.toContain('secret');
  });

  it('should be a 43-character digest, whatever the parts', () => {
    // Act
    const key = tokenCacheKey({ ...base, scopes: ['x'.repeat(500)], assertion: 'y'.repeat(3_000) });

    // Assert
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('should differ per user assertion, fmi path, claims and agent', () => {
    // Act
    const keys = new Set([
      tokenCacheKey({ ...base, assertion: 'x' }),
      tokenCacheKey({ ...base, assertion: 'y' }),
      tokenCacheKey({ ...base, fmiPath: 'f' }),
      tokenCacheKey({ ...base, claims: '{}' }),
      tokenCacheKey({ ...base, agent: 'agent' }),
    ]);

    // Assert
    expect(keys.size).toBe(5);
  });
});
