import { afterEach, describe, expect, it } from 'vitest';
import { closeServers, TEST_OUTBOUND_LIMITS, serve } from '@app/testing';
import { UndiciDownstreamHttpClient } from './undici-downstream-http-client';

const client = new UndiciDownstreamHttpClient();
afterEach(closeServers);

describe('UndiciDownstreamHttpClient', () => {
  it('should send the method, headers and body byte for byte and return raw header casing', async () => {
    // Arrange
    const downstream = await serve((_req, res) => {
      res.writeHead(201, [
        ['X-Custom-Header', 'a'],
        ['X-Custom-Header', 'b'],
        ['Content-Type', 'application/octet-stream'],
      ]);
      res.end(Buffer.from([0, 255, 1, 254]));
    });
    const body = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x0a]);

    // Act
    const response = await client.send(
      {
        url: new URL('/api/x?a=1', downstream.url),
        method: 'PUT',
        headers: { 'X-Test': 'v', 'Content-Type': 'image/png' },
        body,
      },
      TEST_OUTBOUND_LIMITS,
    );

    // Assert
    const seen = downstream.received[0];
    expect(seen.method).toBe('PUT');
    expect(seen.url).toBe('/api/x?a=1');
    expect(seen.body.equals(body)).toBe(true);
    // Header names are case-insensitive (RFC 9110 §5.1); undici writes them in lower case.
    expect(seen.rawHeaders.map((part, i) => (i % 2 === 0 ? part.toLowerCase() : part))).toEqual(
      expect.arrayContaining(['x-test', 'v', 'content-type', 'image/png', 'content-length', '5']),
    );
    expect(response.statusCode).toBe(201);
    expect(response.rawHeaders).toEqual(
      expect.arrayContaining(['X-Custom-Header', 'a', 'X-Custom-Header', 'b']),
    );
    expect(response.body.equals(Buffer.from([0, 255, 1, 254]))).toBe(true);
  });

  it('should reuse pooled keep-alive connections for consecutive calls to the same origin', async () => {
    // Arrange
    const downstream = await serve((_req, res) => res.end('ok'));
    const call = () => client.send({ url: downstream.url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);

    // Act
    for (let i = 0; i < 10; i++) await call();

    // Assert: undici's pool may alternate between two idle connections, but never opens one per call.
    expect(new Set(downstream.received.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('should return a 302 as is and never contact its target when redirects are off', async () => {
    // Arrange
    const target = await serve((_req, res) => res.end('B'));
    const origin = await serve((_req, res) =>
      res.writeHead(302, { Location: new URL('/b', target.url).href }).end(),
    );

    // Act
    const response = await client.send({ url: origin.url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);

    // Assert
    expect(response.statusCode).toBe(302);
    expect(target.received).toHaveLength(0);
  });

  it('should follow a 302 when allowed, as a GET without the Authorization header or body', async () => {
    // Arrange
    const target = await serve((_req, res) => res.end('B'));
    const origin = await serve((_req, res) =>
      res.writeHead(302, { Location: new URL('/b', target.url).href }).end(),
    );
    const request = {
      url: origin.url,
      method: 'POST',
      headers: { Authorization: 'Bearer secret', 'Content-Type': 'text/plain', Accept: 'text/plain' },
      body: Buffer.from('payload'),
    };

    // Act
    const response = await client.send(request, { ...TEST_OUTBOUND_LIMITS, followRedirects: true });

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.body.toString()).toBe('B');
    const seen = target.received[0];
    expect(seen.method).toBe('GET');
    expect(seen.body.length).toBe(0);
    expect(seen.rawHeaders.map((h) => h.toLowerCase())).not.toContain('authorization');
    expect(seen.rawHeaders).toEqual(expect.arrayContaining(['Accept', 'text/plain']));
  });

  it('should resend method and body on a followed 307', async () => {
    // Arrange
    const target = await serve((_req, res) => res.end('B'));
    const origin = await serve((_req, res) =>
      res.writeHead(307, { Location: new URL('/b', target.url).href }).end(),
    );

    // Act
    await client.send(
      { url: origin.url, method: 'PATCH', headers: {}, body: Buffer.from('same') },
      { ...TEST_OUTBOUND_LIMITS, followRedirects: true },
    );

    // Assert
    expect(target.received[0].method).toBe('PATCH');
    expect(target.received[0].body.toString()).toBe('same');
  });
});
