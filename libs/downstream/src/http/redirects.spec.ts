import { describe, expect, it } from 'vitest';
import type { OutboundRequest } from './downstream-http-client';
import { redirectTarget } from './redirects';

const request = (url: string, method = 'POST'): OutboundRequest => ({
  url: new URL(url),
  method,
  headers: { Authorization: 'Bearer t', 'Content-Type': 'text/plain', Accept: 'text/plain' },
  body: Buffer.from('b'),
});
const redirect = (statusCode: number, location?: string) => ({
  statusCode,
  rawHeaders: location === undefined ? [] : ['Location', location],
  body: Buffer.alloc(0),
});

describe('redirectTarget', () => {
  it('should resolve a relative Location against the request URL', () => {
    // Act
    const next = redirectTarget(request('http://a.test/x/y'), redirect(307, '../z?q=1'));

    // Assert
    expect(next?.url.href).toBe('http://a.test/z?q=1');
    expect(next?.method).toBe('POST');
    expect(next?.body?.toString()).toBe('b');
  });

  it.each([
    [303, 'PUT', 'GET'],
    [303, 'GET', 'GET'],
    [301, 'POST', 'GET'],
    [302, 'DELETE', 'DELETE'],
    [308, 'POST', 'POST'],
  ])('should answer a %i to %s with %s', (status, method, expected) => {
    // Act
    const next = redirectTarget(request('http://a.test/', method), redirect(status, 'http://b.test/'));

    // Assert
    expect(next?.method).toBe(expected);
    expect(next?.headers.Authorization).toBeUndefined();
    if (expected === 'GET' && method !== 'GET') expect(next?.headers['Content-Type']).toBeUndefined();
  });

  it.each([
    ['a non-redirect status', redirect(200, 'http://b.test/')],
    ['a 304', redirect(304, 'http://b.test/')],
    ['a redirect without Location', redirect(302)],
    ['a non-http Location', redirect(302, 'file:///etc/passwd')],
  ])('should not follow %s', (_name, response) => {
    expect(redirectTarget(request('http://a.test/'), response)).toBeUndefined();
  });

  it('should not follow an https → http downgrade', () => {
    expect(redirectTarget(request('https://a.test/'), redirect(302, 'http://a.test/'))).toBeUndefined();
  });
});
