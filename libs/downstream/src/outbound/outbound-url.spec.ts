import { describe, expect, it } from 'vitest';
import { buildOutboundUrl, PATH_OUTSIDE_BASE_DETAIL } from './outbound-url';

describe('buildOutboundUrl', () => {
  it.each([
    ['https://api.example.com/v1/', '/me', 'https://api.example.com/v1/me'],
    ['https://api.example.com/v1', 'me', 'https://api.example.com/v1/me'],
    ['https://api.example.com/v1//', '//me/items', 'https://api.example.com/v1/me/items'],
    ['https://api.example.com', '', 'https://api.example.com/'],
  ])('should join %s and %s with exactly one slash', (baseUrl, relativePath, expected) => {
    // Act
    const url = buildOutboundUrl(baseUrl, relativePath, {});

    // Assert
    expect(url.href).toBe(expected);
  });

  it('should append extra query parameters percent-encoded after an existing query', () => {
    // Act
    const url = buildOutboundUrl('https://api.example.com', 'items?top=5', {
      'a b': "x&y=z!'()*",
      $filter: 'é',
    });

    // Assert
    expect(url.href).toBe(
      'https://api.example.com/items?top=5&a%20b=x%26y%3Dz%21%27%28%29%2A&%24filter=%C3%A9',
    );
  });

  it('should keep the configured origin whatever the relative path says', () => {
    // Act
    const urls = ['//evil.example.com/x', '\\\\evil.example.com', '@evil.example.com', '../../..'].map(
      (path) => buildOutboundUrl('https://api.example.com/', path, {}),
    );

    // Assert
    for (const url of urls) expect(url.origin).toBe('https://api.example.com');
  });

  it.each([
    ['https://api.example.com/prefix/api/', '../../secret'],
    ['https://api.example.com/prefix/api', '../secret'],
    ['https://api.example.com/prefix/api', '%2e%2e/%2E%2E/secret'],
    ['https://api.example.com/prefix/api', 'items/../../../secret'],
    ['https://api.example.com/prefix/api', '../api-other/x'],
  ])('should refuse a relative path that climbs out of %s (%s) with a 400', (baseUrl, relativePath) => {
    expect(() => buildOutboundUrl(baseUrl, relativePath, {})).toThrow(PATH_OUTSIDE_BASE_DETAIL);
  });

  it.each([
    ['https://api.example.com/prefix/api', 'items/../orders', 'https://api.example.com/prefix/api/orders'],
    ['https://api.example.com/prefix/api/', '', 'https://api.example.com/prefix/api/'],
    ['https://api.example.com/', '../../x', 'https://api.example.com/x'],
  ])('should allow %s with %s when it stays at or under the base path', (baseUrl, relativePath, expected) => {
    expect(buildOutboundUrl(baseUrl, relativePath, {}).href).toBe(expected);
  });
});
