import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { type DownstreamServer, json, startDownstream } from '@app/testing';
import {
  appProfile,
  call,
  decodePayload,
  type EntraEmulator,
  startDownstreamSidecar,
  startEmulator,
} from './support/fixture';

const CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1764000000"}}}';
const CAE_CHALLENGE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
  `error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString('base64')}"`;

// The outbound layer end to end: bodies, statuses, timeouts, caps, claims challenges, metrics, logs.
describe('/DownstreamApiUnauthenticated outbound call', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let sidecar: RunningSidecar;
  let silent: Server;
  let unreachableUrl: string;
  let challenged = 0;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream((req, res, received) => {
      switch (received.path) {
        case '/binary':
          res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(received.body);
          return;
        case '/echo':
          res
            .writeHead(200, { 'Content-Type': req.headers['content-type'] ?? 'text/plain' })
            .end(received.body);
          return;
        case '/chunked':
          res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': 'en, de' });
          res.write('first chunk, ');
          setTimeout(() => res.end('second chunk'), 20);
          return;
        case '/fail':
          res
            .writeHead(500, { 'Content-Type': 'text/plain', 'request-id': 'abc', Location: '/x' })
            .end('boom');
          return;
        case '/huge':
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.write(Buffer.alloc(3_000, 'a'));
          res.end(Buffer.alloc(3_000, 'b'));
          return;
        case '/claims':
          if (challenged++ === 0) {
            res.writeHead(401, { 'WWW-Authenticate': CAE_CHALLENGE, 'Content-Length': '0' }).end();
            return;
          }
          json(200, { renewed: true })(req, res, received);
          return;
        case '/always-challenged':
          res
            .writeHead(401, { 'WWW-Authenticate': CAE_CHALLENGE, 'Content-Type': 'text/plain' })
            .end('still no');
          return;
        default:
          json(200, { result: 'success' })(req, res, received);
      }
    });
    // Reads (so it sees the sidecar hang up) but never answers.
    silent = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    unreachableUrl = `http://127.0.0.1:${(closed.address() as { port: number }).port}`;
    await new Promise((resolve) => closed.close(resolve));

    const path = (name: string, relativePath: string, extra: Record<string, string> = {}) =>
      appProfile(name, downstream.url, { RelativePath: relativePath, ...extra });
    sidecar = await startDownstreamSidecar(emulator, {
      ...path('Binary', 'binary', { HttpMethod: 'PUT' }),
      ...path('Echo', 'echo', { HttpMethod: 'POST' }),
      ...path('Chunked', 'chunked'),
      ...path('Fail', 'fail'),
      ...path('Huge', 'huge'),
      ...path('Claims', 'claims'),
      ...path('AlwaysChallenged', 'always-challenged'),
      ...path('Json', 'json', { ExtraQueryParameters__api_key: 'query-secret-value' }),
      ...appProfile('Slow', `http://127.0.0.1:${(silent.address() as { port: number }).port}`),
      ...appProfile('Unreachable', unreachableUrl),
      Sidecar__Downstream__RequestTimeout: '1',
      Sidecar__Downstream__MaxResponseBodySize: '5000',
      // The most verbose level, so the log test below sees every line the sidecar can write.
      Logging__LogLevel__Default: 'Trace',
    });
  });
  afterAll(async () => {
    await sidecar?.close();
    await new Promise((resolve) => silent?.close(resolve));
    await Promise.all([downstream?.close(), emulator?.close()]);
  });
  beforeEach(() => {
    downstream.received.length = 0;
  });

  const url = (name: string) => `${sidecar.url}/DownstreamApiUnauthenticated/${name}`;

  it('should forward a binary body byte for byte with its Content-Type', async () => {
    // Arrange: bytes that are not valid UTF-8 would be altered by any text round trip.
    const bytes = Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x0a, 0x0d, 0x7f]);

    // Act
    const result = await call(url('Binary'), { body: bytes, headers: { 'content-type': 'image/png' } });

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.received[0].method).toBe('PUT');
    expect(downstream.received[0].body.equals(bytes)).toBe(true);
    expect(downstream.header(0, 'content-type')).toEqual(['image/png']);
    expect(downstream.header(0, 'content-length')).toEqual([String(bytes.length)]);
  });

  it('should round-trip a JSON body: forwarded as sent, echoed back as content', async () => {
    // Arrange
    const body = JSON.stringify({ order: 42, note: 'ünïcødé ✓', nested: { list: [1, 2, 3] } });

    // Act
    const result = await call(url('Echo'), {
      body,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });

    // Assert
    expect(result.body).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': ['application/json; charset=utf-8'] },
      content: body,
    });
    expect(JSON.parse(String(result.body.content))).toEqual(JSON.parse(body));
  });

  it('should send no body and no Content-Type when the caller sent none', async () => {
    // Act
    const result = await call(url('Json'));

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.received[0].body.length).toBe(0);
    expect(downstream.header(0, 'content-type')).toEqual([]);
  });

  it('should forward a body sent without Content-Type, with no Content-Type', async () => {
    // Arrange: fetch adds no Content-Type for a byte array body.
    const bytes = new Uint8Array([1, 2, 3, 250]);

    // Act
    const result = await call(url('Binary'), { body: bytes });

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.received[0].body.equals(Buffer.from(bytes))).toBe(true);
    expect(downstream.header(0, 'content-type')).toEqual([]);
  });

  it('should return a chunked body as content, with list headers split', async () => {
    // Act
    const result = await call(url('Chunked'));

    // Assert
    expect(result.body).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': ['text/plain; charset=utf-8'], 'Content-Language': ['en', 'de'] },
      content: 'first chunk, second chunk',
    });
  });

  it('should report a downstream 500 inside a 200, with content headers only', async () => {
    // Act
    const result = await call(url('Fail'));

    // Assert
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      statusCode: 500,
      headers: { 'Content-Type': ['text/plain'] },
      content: 'boom',
    });
  });

  it('should retry once with the claims of a claims challenge and return the retry answer', async () => {
    // Arrange
    challenged = 0;
    emulator.requests.reset();

    // Act
    const result = await call(url('Claims'));

    // Assert
    expect(result.body).toMatchObject({ statusCode: 200, content: '{"renewed":true}' });
    expect(downstream.received).toHaveLength(2);
    const claimsRequest = emulator.requests.lastTokenRequest({ grantType: 'client_credentials' });
    expect(JSON.parse(claimsRequest?.form?.claims ?? '{}')).toMatchObject(JSON.parse(CLAIMS));
    expect(downstream.header(1, 'authorization')).toHaveLength(1);
    expect(decodePayload(downstream.header(1, 'authorization')[0]).aud).toBeDefined();
  });

  it('should retry a claims challenge only once and return the second 401', async () => {
    // Act
    const result = await call(url('AlwaysChallenged'));

    // Assert
    expect(result.body).toEqual({
      statusCode: 401,
      headers: { 'Content-Type': ['text/plain'] },
      content: 'still no',
    });
    expect(downstream.received).toHaveLength(2);
  });

  it.each([
    ['an unreachable downstream', 'Unreachable', 'DOWNSTREAM_UNREACHABLE', 'ECONNREFUSED'],
    ['a downstream slower than RequestTimeout', 'Slow', 'DOWNSTREAM_TIMEOUT', 'RequestTimeout (1000 ms)'],
    [
      'a body over MaxResponseBodySize',
      'Huge',
      'DOWNSTREAM_RESPONSE_TOO_LARGE',
      'MaxResponseBodySize (5000 bytes)',
    ],
  ])('should answer 500 for %s and log the cause', async (_name, api, code, cause) => {
    // Arrange
    const started = Date.now();

    // Act
    const result = await call(url(api));

    // Assert
    expect(result.status).toBe(500);
    expect(result.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(result.body.detail).toBe('An unexpected error occurred.');
    expect(Date.now() - started).toBeLessThan(5_000);
    const logged = sidecar.logs
      .records()
      .find((r) => r.correlationId === result.body.correlationId && r.code === code);
    expect(JSON.stringify(logged)).toContain(cause);
    expect(JSON.stringify(logged)).toContain(`downstream API '${api}'`);
  });

  it('should count downstream calls by API and status on /metrics', async () => {
    // Arrange
    await call(url('Fail'));

    // Act
    const metrics = await (await fetch(`${sidecar.url}/metrics`)).text();

    // Assert
    expect(metrics).toMatch(/sidecar_downstream_requests_total\{api="Fail",status_code="500"\} [1-9]/);
    expect(metrics).toMatch(
      /sidecar_downstream_requests_total\{api="Unreachable",status_code="unreachable"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /sidecar_downstream_request_duration_seconds_count\{api="Fail",status_code="500"\} [1-9]/,
    );
  });

  it('should never log an access token or a configured query secret', async () => {
    // Arrange
    await call(url('Json'));
    const sent = downstream.header(0, 'authorization')[0].replace(/^Bearer /, '');

    // Act
    const logs = sidecar.logs.text();

    // Assert
    expect(sidecar.logs.records()).toContainEqual(
      expect.objectContaining({
        msg: 'Downstream API called.',
        apiName: 'Json',
        statusCode: 200,
        origin: downstream.url,
      }),
    );
    expect(downstream.received[0].query.get('api_key')).toBe('query-secret-value');
    expect(logs).not.toContain(sent);
    expect(logs).not.toContain(sent.split('.')[2]);
    expect(logs).not.toContain('query-secret-value');
    expect(logs).not.toContain('demo-sidecar-secret');
  });
});
