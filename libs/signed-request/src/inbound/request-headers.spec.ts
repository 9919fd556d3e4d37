import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { originalRequest } from './original-request';
import { popCredential } from './pop-credential';
import type { SignedRequestRejection } from './signed-request.errors';

const raw = (...headers: string[]) => ({ rawHeaders: headers }) as unknown as IncomingMessage;
const reason = (read: () => unknown): string => {
  try {
    read();
    return 'accepted';
  } catch (error) {
    return (error as SignedRequestRejection).reason;
  }
};

describe('popCredential', () => {
  it('should take what follows the PoP scheme, in any casing, trimmed', () => {
    expect(popCredential(raw('authorization', 'pop   a.b.c '), 100)).toBe('a.b.c');
  });

  it.each([
    ['the bare scheme', ['Authorization', 'PoP'], 'MISSING_SIGNED_REQUEST'],
    ['another scheme', ['Authorization', 'Bearer a.b.c'], 'MISSING_SIGNED_REQUEST'],
    [
      'two Authorization headers',
      ['Authorization', 'PoP a.b.c', 'authorization', 'PoP a.b.c'],
      'SIGNED_REQUEST_MALFORMED',
    ],
    [
      'more than twice MaxTokenLength',
      ['Authorization', `PoP ${'a'.repeat(201)}`],
      'SIGNED_REQUEST_TOO_LARGE',
    ],
  ])('should refuse %s', (_name, headers, expected) => {
    expect(reason(() => popCredential(raw(...headers), 100))).toBe(expected);
  });
});

describe('originalRequest', () => {
  it('should read the method as sent, the URI parsed, and its query exactly as written', () => {
    // Act
    const original = originalRequest(
      raw('Original-Method', 'PATCH', 'original-uri', 'https://api.contoso.com:8443/a/b?x=%2F&y=1#frag'),
    );

    // Assert
    expect(original.method).toBe('PATCH');
    expect(original.uri.host).toBe('api.contoso.com:8443');
    expect(original.rawQuery).toBe('x=%2F&y=1');
  });

  it.each([
    ['no original-method', ['original-uri', 'https://a/'], 'ORIGINAL_METHOD_MISSING'],
    [
      'an empty original-method',
      ['original-method', '', 'original-uri', 'https://a/'],
      'ORIGINAL_METHOD_MISSING',
    ],
    [
      'two original-method headers',
      ['original-method', 'GET', 'original-method', 'PUT', 'original-uri', 'https://a/'],
      'ORIGINAL_METHOD_MISSING',
    ],
    ['no original-uri', ['original-method', 'GET'], 'ORIGINAL_URI_MISSING'],
    [
      'a relative original-uri',
      ['original-method', 'GET', 'original-uri', '/api/orders'],
      'ORIGINAL_URI_INVALID',
    ],
    [
      'a host without a scheme',
      ['original-method', 'GET', 'original-uri', 'api.contoso.com/orders'],
      'ORIGINAL_URI_INVALID',
    ],
    [
      'another scheme',
      ['original-method', 'GET', 'original-uri', 'ftp://api.contoso.com/x'],
      'ORIGINAL_URI_INVALID',
    ],
    ['a URN', ['original-method', 'GET', 'original-uri', 'urn:x:y'], 'ORIGINAL_URI_INVALID'],
    [
      'two original-uri headers',
      ['original-method', 'GET', 'original-uri', 'https://a/', 'original-uri', 'https://b/'],
      'ORIGINAL_URI_INVALID',
    ],
  ])('should refuse %s', (_name, headers, expected) => {
    expect(reason(() => originalRequest(raw(...headers)))).toBe(expected);
  });
});
