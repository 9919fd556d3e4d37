import { describe, expect, it } from 'vitest';
import type { ValidatedToken } from '../validated-token';
import { VerifiedTokenCache, verifiedEntryBytes } from './verified-token-cache';

const validated = (token: string): ValidatedToken => ({
  protocol: 'Bearer',
  token,
  assertion: token,
  claims: {},
});

/** Offers a token twice, as two full validations of it would: the second offer stores it. */
function validateTwice(cache: VerifiedTokenCache, token: string, expiresAtMs: number, nowMs: number): void {
  cache.offer(validated(token), expiresAtMs, nowMs);
  cache.offer(validated(token), expiresAtMs, nowMs);
}

describe('VerifiedTokenCache', () => {
  it('should store a token on its second full validation, not its first', () => {
    // Arrange
    const cache = new VerifiedTokenCache({ maxEntries: 10 });

    // Act
    cache.offer(validated('t'), 10_000, 0);
    const afterFirst = cache.get('t', 1);
    cache.offer(validated('t'), 10_000, 2);
    const afterSecond = cache.get('t', 3);

    // Assert
    expect(afterFirst).toBeUndefined();
    expect(afterSecond?.token).toBe('t');
  });

  it('should store nothing from tokens that each come once', () => {
    // Arrange
    const cache = new VerifiedTokenCache({ maxEntries: 100 });

    // Act
    for (let i = 0; i < 1_000; i++) cache.offer(validated(`token-${i}`), 10_000, 0);

    // Assert: only the doorkeeper's rare false "seen before" (a few percent)
    expect(cache.size).toBeLessThan(50);
  });

  it('should answer a stored token until its exp, and never at or after it', () => {
    // Arrange
    const cache = new VerifiedTokenCache({ maxEntries: 10 });
    validateTwice(cache, 't', 2_000, 1_000);

    // Act
    const before = cache.get('t', 1_999);
    const at = cache.get('t', 2_000);

    // Assert
    expect(before?.token).toBe('t');
    expect(at).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('should not store a token that is already past exp', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 10 });
    validateTwice(cache, 't', 1_000, 1_000);
    expect(cache.get('t', 500)).toBeUndefined();
  });

  it('should evict the least recently used entry when full', () => {
    // Arrange
    const cache = new VerifiedTokenCache({ maxEntries: 2 });
    validateTwice(cache, 'a', 10_000, 0);
    validateTwice(cache, 'b', 10_000, 0);
    cache.get('a', 1);

    // Act
    validateTwice(cache, 'c', 10_000, 2);

    // Assert
    expect(cache.get('a', 3)).toBeDefined();
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('c', 3)).toBeDefined();
  });

  it('should store nothing when its capacity is 0', () => {
    const cache = new VerifiedTokenCache({ maxEntries: 0 });
    validateTwice(cache, 'a', 10_000, 0);
    expect(cache.size).toBe(0);
  });

  it('should not answer a different credential that ends like a cached one', () => {
    // Arrange: same 64-character tail (the signature), different header and payload
    const tail = 's'.repeat(64);
    const cache = new VerifiedTokenCache({ maxEntries: 10 });
    validateTwice(cache, `header.payload.${tail}`, 10_000, 0);

    // Act
    const forged = cache.get(`header.forged-payload.${tail}`, 1);
    const genuine = cache.get(`header.payload.${tail}`, 1);

    // Assert
    expect(forged).toBeUndefined();
    expect(genuine?.token).toBe(`header.payload.${tail}`);
  });

  it('should evict the least recently used tokens once their estimated bytes pass the budget', () => {
    // Arrange: room for two 1,000-character tokens, not three
    const entry = verifiedEntryBytes(1_000);
    const cache = new VerifiedTokenCache({ maxBytes: 2 * entry + entry / 2 });
    const token = (n: number): string => `${n}`.repeat(1_000).slice(0, 1_000);

    // Act
    for (const n of [1, 2, 3]) validateTwice(cache, token(n), 10_000, 0);

    // Assert
    expect(cache.get(token(1), 1)).toBeUndefined();
    expect(cache.get(token(3), 1)?.token).toBe(token(3));
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBe(2 * entry);
  });

  it('should store nothing when a limit is 0', () => {
    // Arrange
    const cache = new VerifiedTokenCache({ maxBytes: 1_000_000, maxEntries: 0 });

    // Act
    validateTwice(cache, 't', 10_000, 0);

    // Assert
    expect(cache.get('t', 1)).toBeUndefined();
  });
});
