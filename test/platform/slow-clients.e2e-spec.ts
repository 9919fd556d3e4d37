import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type SidecarProcess, spawnSidecar } from '../support/built-sidecar';
import { bodyOf, headerOf, openConnection, type RawConnection, statusOf } from '../support/raw-connection';
import { MINIMAL_ENV } from '../support/sidecar';

// Each case runs against both listeners of one built sidecar: Fastify's own server and the extra node:http
// server `listenOnAll` opens for the second address. Limits are a couple of seconds, so the bounds below leave
// a loaded two-core machine several seconds of slack while a missing limit (Node's 60 s, Fastify's 72 s, or
// never) still fails well inside them.
const LIMIT_MS = 2_000;
const EARLIEST_MS = LIMIT_MS - 100;
// The limit, plus up to a second until the next check (Node adds its own second to the keep-alive timer), plus
// slack for a busy machine.
const LATEST_MS = LIMIT_MS + 1_000 + 2_500;
const GIVE_UP_MS = 9_000;

async function startSidecar(
  limits: Record<string, string>,
): Promise<{ sidecar: SidecarProcess; ports: number[] }> {
  const ports = [await freePort(), await freePort()];
  const sidecar = spawnSidecar({
    ...MINIMAL_ENV,
    ASPNETCORE_URLS: ports.map((port) => `http://127.0.0.1:${port}`).join(';'),
    ...limits,
  });
  for (const port of ports) await waitUntilServing(port);
  return { sidecar, ports };
}

// Like waitUntilHealthy, but on connections it closes: fetch would keep its pooled ones open, and they count.
async function waitUntilServing(port: number, withinMs = 10_000): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (performance.now() < deadline) {
    const connection = await openConnection(port).catch(() => undefined);
    if (connection) {
      connection.socket.write(request('GET', { Connection: 'close' }));
      const [response] = await connection.waitForResponses(1, 1_000);
      connection.socket.destroy();
      if (statusOf(response ?? '') === 200) return;
    }
    await new Promise((wait) => setTimeout(wait, 50));
  }
  throw new Error(`the sidecar on port ${port} did not serve /healthz within ${withinMs} ms`);
}

// A problem+json answer written before any request existed, closing its connection.
function expectProblem(response: string, status: number, detail: string): void {
  expect(statusOf(response)).toBe(status);
  expect(headerOf(response, 'connection')).toBe('close');
  expect(headerOf(response, 'content-type')).toBe('application/problem+json; charset=utf-8');
  const problem = JSON.parse(bodyOf(response)) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, detail });
  expect(problem.correlationId).toBe(headerOf(response, 'x-correlation-id'));
}

const onEach = <T>(ports: number[], scenario: (port: number) => Promise<T>): Promise<T[]> =>
  Promise.all(ports.map(scenario));

const request = (method: string, headers: Record<string, string | number> = {}): string =>
  `${method} /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
  Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('') +
  '\r\n';

describe('slow clients: Kestrel:Limits timeouts and body data rate', () => {
  let sidecar: SidecarProcess;
  let ports: number[];

  beforeAll(async () => {
    ({ sidecar, ports } = await startSidecar({
      Kestrel__Limits__RequestHeadersTimeout: '00:00:02',
      Kestrel__Limits__KeepAliveTimeout: '2',
      Kestrel__Limits__MinRequestBodyDataRate__BytesPerSecond: '100',
      Kestrel__Limits__MinRequestBodyDataRate__GracePeriod: '2',
    }));
  });
  afterAll(() => sidecar.stop());

  it('should answer 408 and close a connection whose headers are not complete at RequestHeadersTimeout', async () => {
    // Arrange / Act: a header line every 300 ms, never the blank line that ends them; and a connection that
    // sends nothing at all.
    const dripping = async (port: number) => {
      const connection = await openConnection(port);
      connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      const stop = connection.drip('X-Drip: 1\r\n', 300);
      const closedAfter = await connection.waitForClose(GIVE_UP_MS);
      stop();
      return { closedAfter, response: connection.received() };
    };
    const silent = async (port: number) => {
      const connection = await openConnection(port);
      const closedAfter = await connection.waitForClose(GIVE_UP_MS);
      return { closedAfter, response: connection.received() };
    };
    const outcomes = (await Promise.all([onEach(ports, dripping), onEach(ports, silent)])).flat();

    // Assert
    expect(outcomes).toHaveLength(4);
    for (const { closedAfter, response } of outcomes) {
      expect(closedAfter).toBeGreaterThanOrEqual(EARLIEST_MS);
      expect(closedAfter).toBeLessThan(LATEST_MS);
      expectProblem(
        response,
        408,
        'The request headers did not arrive within Kestrel:Limits:RequestHeadersTimeout.',
      );
    }
  });

  it('should answer a head over the size limit with a 431 problem and bytes that are not HTTP with a 400 problem', async () => {
    // Arrange / Act: on each listener, 40 KB of headers (the limit is 32 KB), and a line that is no request.
    const answerTo = (bytes: string) => (port: number) =>
      openConnection(port).then(async (connection) => {
        connection.socket.write(bytes);
        await connection.waitForClose(GIVE_UP_MS);
        return connection.received();
      });
    const tooLarge = await onEach(ports, answerTo(request('GET', { 'X-Padding': 'p'.repeat(40 * 1024) })));
    const notHttp = await onEach(ports, answerTo('HELLO THERE\r\n\r\n'));

    // Assert
    for (const response of tooLarge)
      expectProblem(
        response,
        431,
        'The request headers are larger than Kestrel:Limits:MaxRequestHeadersTotalSize.',
      );
    for (const response of notHttp) expectProblem(response, 400, 'The request is not valid HTTP/1.1.');
  });

  it('should answer a body slower than MinRequestBodyDataRate with a 408 problem once the grace period is over', async () => {
    // Arrange / Act: 10 bytes every 500 ms is 20 bytes/s, a fifth of the minimum.
    const outcomes = await onEach(ports, async (port) => {
      const connection = await openConnection(port);
      connection.socket.write(request('POST', { 'Content-Type': 'text/plain', 'Content-Length': 1000 }));
      const stop = connection.drip('x'.repeat(10), 500);
      const closedAfter = await connection.waitForClose(GIVE_UP_MS);
      stop();
      return { closedAfter, response: connection.received() };
    });

    // Assert
    for (const { closedAfter, response } of outcomes) {
      expect(closedAfter).toBeGreaterThanOrEqual(EARLIEST_MS);
      expect(closedAfter).toBeLessThan(LATEST_MS);
      expect(statusOf(response)).toBe(408);
      expect(headerOf(response, 'connection')).toBe('close');
      expect(headerOf(response, 'content-type')).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(bodyOf(response))).toMatchObject({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.9',
        title: 'Request Timeout',
        status: 408,
        detail: 'The request body arrived slower than 100 bytes per second.',
      });
    }
  });

  it('should serve a body that arrives above the minimum rate, however long it takes', async () => {
    // Arrange / Act: 100 bytes every 200 ms is 500 bytes/s for 3 s, past the grace period and three checks.
    const outcomes = await onEach(ports, async (port) => {
      const connection = await openConnection(port);
      connection.socket.write(request('POST', { 'Content-Type': 'text/plain', 'Content-Length': 1500 }));
      const stop = connection.drip('y'.repeat(100), 200);
      const [response] = await connection.waitForResponses(1, GIVE_UP_MS);
      stop();
      connection.socket.destroy();
      return response;
    });

    // Assert
    for (const response of outcomes) {
      expect(statusOf(response ?? '')).toBe(200);
      expect(bodyOf(response)).toBe('Healthy');
    }
  });

  it('should close an idle keep-alive connection at KeepAliveTimeout, not before', async () => {
    // Arrange / Act: one request, then silence.
    const outcomes = await onEach(ports, async (port) => {
      const connection = await openConnection(port);
      connection.socket.write(request('GET'));
      const [response] = await connection.waitForResponses(1, GIVE_UP_MS);
      const answeredAt = performance.now() - connection.openedAt;
      const closedAfter = await connection.waitForClose(GIVE_UP_MS);
      return { response, idleMs: closedAfter === undefined ? undefined : closedAfter - answeredAt };
    });

    // Assert
    for (const { response, idleMs } of outcomes) {
      expect(statusOf(response ?? '')).toBe(200);
      expect(headerOf(response, 'keep-alive')).toBe('timeout=2');
      expect(idleMs).toBeGreaterThanOrEqual(EARLIEST_MS);
      expect(idleMs).toBeLessThan(LATEST_MS);
    }
  });
});

describe('slow clients: Kestrel:Limits:MaxConcurrentConnections', () => {
  let sidecar: SidecarProcess;
  let ports: number[];

  beforeAll(async () => {
    ({ sidecar, ports } = await startSidecar({ Kestrel__Limits__MaxConcurrentConnections: '2' }));
  });
  afterAll(() => sidecar.stop());

  const served = async (connection: RawConnection, count: number): Promise<number | undefined> => {
    connection.socket.write(request('GET'));
    const responses = await connection.waitForResponses(count, GIVE_UP_MS);
    return responses[count - 1] === undefined ? undefined : statusOf(responses[count - 1]);
  };

  it('should close connections over the limit, counted over all listeners, and serve the allowed ones', async () => {
    // Arrange: one allowed connection on each listener, both kept open.
    const [first, second] = await onEach(ports, openConnection);
    expect(await served(first, 1)).toBe(200);
    expect(await served(second, 1)).toBe(200);

    // Act: a third and a fourth connection, one on each listener.
    const refused = await onEach(ports, async (port) => {
      const connection = await openConnection(port);
      connection.socket.write(request('GET'));
      return { closedAfter: await connection.waitForClose(GIVE_UP_MS), received: connection.received() };
    });

    // Assert: refused without an answer; the allowed ones still work; a freed slot is usable again.
    for (const { closedAfter, received } of refused) {
      expect(closedAfter).toBeDefined();
      expect(received).toBe('');
    }
    expect(await served(first, 2)).toBe(200);
    expect(await served(second, 2)).toBe(200);
    first.socket.destroy();
    await new Promise((wait) => setTimeout(wait, 200));
    const replacement = await openConnection(ports[0]);
    expect(await served(replacement, 1)).toBe(200);
    second.socket.destroy();
    replacement.socket.destroy();
  });
});
