import type { ServerResponse } from 'node:http';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DownstreamTransportError } from '../downstream.errors';
import { closeServers, TEST_OUTBOUND_LIMITS, serve, servers } from '@app/testing';
import { UndiciDownstreamHttpClient } from './undici-downstream-http-client';

const client = new UndiciDownstreamHttpClient();
afterEach(closeServers);

describe('UndiciDownstreamHttpClient failures', () => {
  it('should fail as unreachable when nothing listens', async () => {
    // Arrange
    const closed = await serve(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));

    // Act
    const call = client.send({ url: closed.url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);

    // Assert
    await expect(call).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(call).rejects.toThrow('ECONNREFUSED');
  });

  it('should fail as a timeout when the answer does not complete in time', async () => {
    // Arrange
    const slow = await serve((_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('12345');
    });
    const started = Date.now();

    // Act
    const call = client.send(
      { url: slow.url, method: 'GET', headers: {} },
      { ...TEST_OUTBOUND_LIMITS, requestTimeoutMs: 300 },
    );

    // Assert
    await expect(call).rejects.toMatchObject({ kind: 'timeout' });
    await expect(call).rejects.toThrow('RequestTimeout (300 ms)');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('should fail as a timeout when the TLS handshake never completes within the connect timeout', async () => {
    // Arrange: a TCP server that accepts and stays silent, called over https.
    const sockets: Socket[] = [];
    const silent = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const { port } = silent.address() as { port: number };

    try {
      // Act
      const call = client.send(
        { url: new URL(`https://127.0.0.1:${port}/`), method: 'GET', headers: {} },
        { ...TEST_OUTBOUND_LIMITS, connectTimeoutMs: 300 },
      );

      // Assert
      await expect(call).rejects.toMatchObject({ kind: 'timeout' });
      await expect(call).rejects.toThrow('ConnectTimeout (300 ms)');
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise((r) => silent.close(r));
    }
  });

  it.each([
    [
      'a declared Content-Length',
      (res: ServerResponse) => res.writeHead(200, { 'content-length': '2048' }).end(Buffer.alloc(2048)),
    ],
    [
      'a chunked body',
      (res: ServerResponse) => {
        res.write(Buffer.alloc(800));
        res.end(Buffer.alloc(800));
      },
    ],
  ])('should refuse a body over the cap with %s', async (_name, respond) => {
    // Arrange
    const big = await serve((_req, res) => respond(res));

    // Act
    const call = client.send({ url: big.url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);

    // Assert
    await expect(call).rejects.toBeInstanceOf(DownstreamTransportError);
    await expect(call).rejects.toMatchObject({ kind: 'too-large' });
    await expect(call).rejects.toThrow('MaxResponseBodySize (1024 bytes)');
  });

  it('should resend on a new connection when a pooled connection turns out to be closed', async () => {
    // Arrange: a server that answers the first request of each connection and hangs up on the second,
    // as a server does when its keep-alive timeout races the client's reuse.
    const sockets: Socket[] = [];
    const flaky = createTcpServer((socket) => {
      sockets.push(socket);
      let requests = 0;
      socket.on('data', (data) => {
        if (!data.toString().includes('\r\n\r\n')) return;
        if (++requests > 1) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      });
    });
    await new Promise<void>((r) => flaky.listen(0, '127.0.0.1', r));
    const url = new URL(`http://127.0.0.1:${(flaky.address() as { port: number }).port}/`);

    try {
      // Act
      const first = await client.send({ url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);
      const second = await client.send({ url, method: 'GET', headers: {} }, TEST_OUTBOUND_LIMITS);

      // Assert
      expect([first.body.toString(), second.body.toString()]).toEqual(['ok', 'ok']);
      expect(sockets).toHaveLength(2);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((r) => flaky.close(r));
    }
  });
});
