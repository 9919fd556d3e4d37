import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DownstreamServer, startDownstream, timersDuring } from '@app/testing';
import { loadMsal } from './load-msal';
import { TimeoutNetworkClient } from './timeout-network-client';

describe('TimeoutNetworkClient', () => {
  let server: DownstreamServer;
  let base: string;

  beforeAll(async () => {
    server = await startDownstream((request, response) => {
      if (request.url === '/hang') return; // never answers
      const json = request.url !== '/html';
      response.writeHead(json ? 200 : 502, {
        'Content-Type': json ? 'application/json' : 'text/html',
        'X-Ms-Request-Id': 'r-1',
      });
      response.end(
        json ? JSON.stringify({ access_token: 'a', method: request.method }) : '<html>bad gateway</html>',
      );
    });
    base = server.url;
  });

  afterAll(() => server.close());

  it('should return the status, lower-cased headers and the parsed body', async () => {
    // Arrange
    const client = new TimeoutNetworkClient(5_000);

    // Act
    const response = await client.sendPostRequestAsync<{ method: string }>(`${base}/token`, {
      body: 'grant_type=x',
    });

    // Assert
    expect(response.status).toBe(200);
    expect(response.headers['x-ms-request-id']).toBe('r-1');
    expect(response.body).toEqual({ access_token: 'a', method: 'POST' });
  });

  it('should leave no timer behind once the answer is read', async () => {
    // Act: the client's own timer, told apart from fetch's keep-alive timers by its distinctive delay
    const timeoutMs = 54_321;
    const client = new TimeoutNetworkClient(timeoutMs);
    const timers = await timersDuring(timeoutMs, () => client.sendGetRequestAsync(`${base}/metadata`));

    // Assert: one timer armed for the request, and that very timer cleared once it is answered
    expect(timers.armed).toHaveLength(1);
    expect(timers.cleared).toContain(timers.armed[0]);
  });

  it('should abort a request that outlives the timeout with a TimeoutError', async () => {
    // Arrange
    const client = new TimeoutNetworkClient(150);
    const started = Date.now();

    // Act
    const failure = await client.sendGetRequestAsync(`${base}/hang`).catch((error: unknown) => error);

    // Assert: an error msal passes on, naming the endpoint and the timeout, the original kept as its cause
    expect(failure).toMatchObject({ errorCode: 'network_error', cause: { name: 'TimeoutError' } });
    expect(String((failure as Error).message)).toContain(`GET ${base}/hang failed: TimeoutError`);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('should use the shorter of its own timeout and the one msal passes', async () => {
    // Arrange
    const client = new TimeoutNetworkClient(60_000);
    const started = Date.now();

    // Act
    const failure = await client
      .sendGetRequestAsync(`${base}/hang`, undefined, 150)
      .catch((error: unknown) => error);

    // Assert
    expect(failure).toMatchObject({ errorCode: 'network_error', cause: { name: 'TimeoutError' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('should name the endpoint, without its query, and the reason when the host cannot be reached', async () => {
    // Arrange: a port nothing listens on any more
    const client = new TimeoutNetworkClient(5_000);
    const closed = await startDownstream(() => undefined);
    await closed.close();
    const { host } = new URL(closed.url);

    // Act
    const failure = await client
      .sendPostRequestAsync(`${closed.url}/tenant/oauth2/v2.0/token?extra=1`, { body: 'grant_type=x' })
      .catch((error: unknown) => error);

    // Assert: msal passes an AuthError on to the sidecar's log; anything else it reduces to `network_error`
    expect(failure).toBeInstanceOf(loadMsal().AuthError);
    expect((failure as Error).message).toBe(
      `network_error: POST ${closed.url}/tenant/oauth2/v2.0/token failed: connect ECONNREFUSED ${host}`,
    );
  });

  it('should refuse a body that is not JSON with a message naming the status', async () => {
    // Arrange
    const client = new TimeoutNetworkClient(5_000);

    // Act / Assert
    await expect(client.sendGetRequestAsync(`${base}/html`)).rejects.toThrow(
      'The token endpoint answered 502 with a body that is not JSON.',
    );
  });
});
