import { describe, expect, it } from 'vitest';
import type { ValidatedToken } from '../validated-token';
import { VerifiedTokenCache } from './verified-token-cache';

const validated = (token: string): ValidatedToken => ({
  protocol: 'Bearer',
  token,
  assertion: token,
  claims: {},
});

describe('VerifiedTokenCache', () => {
  it('should answer a stored token until its exp, and never at or after it', () => {
    // Arrange
    const cache = new VerifiedTokenCache(10);
    cache.set(validated('t'), 2_000, 1_000);

    // Act
    const before = cache.get('t', 1_999);
    const at = cache.get('t', 2_000);

    // Assert
    expect(before?.token).toBe('t');
    expect(at).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('should not store a token that is already past exp', () => {
    const cache = new VerifiedTokenCache(10);
    cache.set(validated('t'), 1_000, 1_000);
    expect(cache.get('t', 500)).toBeUndefined();
  });

  it('should evict the least recently used entry when full', () => {
    // Arrange
    const cache = new VerifiedTokenCache(2);
    cache.set(validated('a'), 10_000, 0);
    cache.set(validated('b'), 10_000, 0);
    cache.get('a', 1);

    // Act
    cache.set(validated('c'), 10_000, 2);

    // Assert
    expect(cache.get('a', 3)).toBeDefined();
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('c', 3)).toBeDefined();
  });

  it('should store nothing when its capacity is 0', () => {
    const cache = new VerifiedTokenCache(0);
    cache.set(validated('a'), 10_000, 0);
    expect(cache.size).toBe(0);
  });

  it('should not answer a different credential that ends like a cached one', () => {
    // Arrange: same 64-character tail (the signature), different header and payload
    const tail = 's'.repeat(64);
    const cache = new VerifiedTokenCache(10);
    cache.set(validated(`header.payload.${tail}`), 10_000, 0);

    // Act
    const forged = cache.get(`header.forged-payload.${tail}`, 1);
    const genuine = cache.get(`header.payload.${tail}`, 1);

    // Assert
    expect(forged).toBeUndefined();
    expect(genuine?.token).toBe(`header.payload.${tail}`);
  });
});
