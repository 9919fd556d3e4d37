import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownstreamServer, startDownstream, timersDuring } from '@app/testing';
import { fetchJsonObject } from './fetch-json-object';

const LIMITS = { timeoutMs: 2_000, maxBytes: 1_024 };

describe('fetchJsonObject', () => {
  let server: DownstreamServer;
  let base: string;

  beforeAll(async () => {
    server = await startDownstream((request, response) => {
      switch (request.url) {
        case '/keys':
          return response.end(JSON.stringify({ keys: [] }));
        case '/array':
          return response.end('[]');
        case '/large':
          return response.end(JSON.stringify({ pad: 'x'.repeat(4_096) }));
        case '/redirect':
          response.writeHead(302, { location: '/keys' });
          return response.end();
        case '/trickle':
          // Headers at once, then a body that never ends: only the deadline stops it.
          response.writeHead(200, { 'content-type': 'application/json' });
          return response.write('{"keys":');
        default:
          response.writeHead(404);
          return response.end();
      }
    });
    base = server.url;
  });

  afterAll(() => server.close());

  it('should return the JSON object the URL answers', async () => {
    await expect(fetchJsonObject(`${base}/keys`, LIMITS)).resolves.toEqual({ keys: [] });
  });

  it.each([
    ['another status', '/missing', /answered 404/],
    ['a JSON value that is not an object', '/array', /did not answer a JSON object/],
    ['a body over the cap', '/large', /more than 1024 bytes/],
    ['a redirect', '/redirect', /answered a redirect \(302\), which is not followed/],
  ])('should refuse %s', async (_case, path, error) => {
    await expect(fetchJsonObject(base + path, LIMITS)).rejects.toThrow(error);
  });

  it('should give up at the deadline when the body never ends', async () => {
    // Act
    const started = Date.now();
    const failure = fetchJsonObject(`${base}/trickle`, { ...LIMITS, timeoutMs: 200 });

    // Assert
    await expect(failure).rejects.toThrow(/aborted due to timeout/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should clear its deadline timer once answered', async () => {
    // Act: its timer, told apart from fetch's own by a distinctive delay
    const timeoutMs = 43_210;
    const timers = await timersDuring(timeoutMs, () =>
      fetchJsonObject(`${base}/keys`, { ...LIMITS, timeoutMs }),
    );

    // Assert
    expect(timers.armed).toHaveLength(1);
    expect(timers.cleared).toContain(timers.armed[0]);
  });
});
