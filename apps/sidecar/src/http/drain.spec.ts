import { Agent, createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestDrain, type RequestDrain } from './drain';

const QUIET_MS = 100;

/** A loopback server whose answers the test releases by hand, followed by a drain. */
async function drainedServer(drain: RequestDrain) {
  const waiting: ServerResponse[] = [];
  const server = createServer((req, res) => {
    if (req.url === '/now') res.end('done');
    else waiting.push(res);
  });
  drain.track(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = () => waiting.splice(0).forEach((res) => res.end('done'));
  return { server, url, waiting, release };
}

const servers: Server[] = [];
const agent = new Agent({ keepAlive: true });

function get(url: string, path: string): Promise<{ connection?: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { agent }, (res) => {
      const socket = res.socket;
      res.resume().on('end', () => resolve({ connection: res.headers.connection, socket }));
    })
      .on('error', reject)
      .end();
  });
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));
const until = async (condition: () => boolean) => {
  while (!condition()) await sleep(5);
};

describe('createRequestDrain', () => {
  afterEach(() => {
    agent.destroy();
    for (const server of servers.splice(0)) server.closeAllConnections();
  });

  it('should keep listening while a request runs, then stop once it has been quiet for the quiet period', async () => {
    // Arrange
    const drain = createRequestDrain(QUIET_MS);
    const { server, url, waiting, release } = await drainedServer(drain);
    const inFlight = get(url, '/work');
    await until(() => waiting.length === 1);

    // Act
    let drained = false;
    const draining = drain.drain().then(() => (drained = true));
    await sleep(QUIET_MS * 3);
    const stillListening = server.listening;
    release();
    const started = performance.now();
    await draining;

    // Assert
    expect(stillListening).toBe(true);
    expect(drained).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(QUIET_MS - 5);
    expect(server.listening).toBe(false);
    expect((await inFlight).connection).toBe('close');
  });

  it('should serve a request that arrives during the drain, closing its connection, and close idle ones at once', async () => {
    // Arrange
    const drain = createRequestDrain(QUIET_MS);
    const { url } = await drainedServer(drain);
    const idle = (await get(url, '/now')).socket;

    // Act
    let drained = false;
    const draining = drain.drain().then(() => (drained = true));
    await new Promise((resolve) => idle.once('close', resolve));
    const closedBeforeTheEnd = !drained;
    const late = await get(url, '/now');
    await draining;

    // Assert
    expect(closedBeforeTheEnd).toBe(true);
    expect(late.connection).toBe('close');
  });

  it('should not wait for probes and scrapes, which are not the application work', async () => {
    // Arrange
    const drain = createRequestDrain(QUIET_MS);
    const { server, url, waiting, release } = await drainedServer(drain);
    const probes = [get(url, '/healthz/ready'), get(url, '/METRICS'), get(url, '/healthz?x=1')];
    await until(() => waiting.length === 3);

    // Act
    const draining = drain.drain();
    await sleep(QUIET_MS * 3);
    const listening = server.listening;
    release();
    await draining;

    // Assert
    expect(listening).toBe(false);
    expect((await Promise.all(probes)).map((answer) => answer.connection)).toEqual([
      'close',
      'close',
      'close',
    ]);
  });
});
