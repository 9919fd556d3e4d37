import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownstreamServer, startDownstream, timersDuring } from '@app/testing';
import { fetchWithin } from './fetch-within';

describe('fetchWithin', () => {
  let server: DownstreamServer;

  beforeAll(async () => {
    server = await startDownstream((request, response) => {
      switch (request.url) {
        case '/answer':
          return response.end('{"value":"answer"}');
        case '/large':
          return response.end('x'.repeat(4_096));
        case '/redirect':
          response.writeHead(302, { location: '/answer' });
          return response.end();
        case '/trickle':
          // Headers at once, then a body that never ends: only the deadline stops it.
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.write('{"value":');
        default:
          response.writeHead(404);
          return response.end();
      }
    });
  });

  afterAll(() => server.close());

  it('should answer status, headers and the whole body, and clear its timer with the answer', async () => {
    // Arrange: its timer, told apart from fetch's own by a distinctive delay
    const timeoutMs = 32_109;
    let answer: Awaited<ReturnType<typeof fetchWithin>> | undefined;

    // Act
    const timers = await timersDuring(timeoutMs, async () => {
      answer = await fetchWithin(`${server.url}/answer`, { method: 'POST', body: 'x' }, { timeoutMs });
    });

    // Assert
    expect(answer?.status).toBe(200);
    expect(answer?.text).toBe('{"value":"answer"}');
    expect(answer?.headers['content-length']).toBe('18');
    expect(timers.armed).toHaveLength(1);
    expect(timers.cleared).toContain(timers.armed[0]);
  });

  it('should abort with a TimeoutError when the body does not end by the deadline', async () => {
    // Act
    const started = Date.now();
    const failure = fetchWithin(`${server.url}/trickle`, {}, { timeoutMs: 200 });

    // Assert
    await expect(failure).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should clear its timer when the exchange fails', async () => {
    // Arrange
    const timeoutMs = 43_210;

    // Act
    const timers = await timersDuring(timeoutMs, () =>
      fetchWithin(`${server.url}/redirect`, {}, { timeoutMs }).catch(() => undefined),
    );

    // Assert
    expect(timers.armed).toHaveLength(1);
    expect(timers.cleared).toContain(timers.armed[0]);
  });

  it('should refuse a redirect by default and hand it back when asked to', async () => {
    // Act
    const refused = await fetchWithin(`${server.url}/redirect`, {}, { timeoutMs: 2_000 }).catch(
      (error: unknown) => error,
    );
    const handedBack = await fetchWithin(
      `${server.url}/redirect`,
      {},
      { timeoutMs: 2_000, redirect: 'manual' },
    );

    // Assert
    expect(refused).toMatchObject({
      message: `GET ${server.url}/redirect answered a redirect (302), which is not followed.`,
    });
    expect(handedBack.status).toBe(302);
    expect(handedBack.headers.location).toBe('/answer');
  });

  it('should cancel a body over the byte cap and accept one within it', async () => {
    // Act
    const over = await fetchWithin(`${server.url}/large`, {}, { timeoutMs: 2_000, maxBytes: 1_024 }).catch(
      (error: unknown) => error,
    );
    const within = await fetchWithin(`${server.url}/large`, {}, { timeoutMs: 2_000, maxBytes: 4_096 });

    // Assert
    expect(over).toMatchObject({ message: `GET ${server.url}/large answered more than 1024 bytes.` });
    expect(within.text).toHaveLength(4_096);
  });
});
