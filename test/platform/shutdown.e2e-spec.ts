import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort, spawnSidecar, waitUntilHealthy } from '../support/built-sidecar';
import { MINIMAL_ENV } from '../support/sidecar';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** `POST path` whose 2-byte JSON body arrives in two halves, `gapMs` apart (never, when `gapMs` is undefined). */
function slowPost(
  url: string,
  { path = '/healthz', gapMs, agent = false }: { path?: string; gapMs?: number; agent?: Agent | false },
): Promise<Answer> {
  const req = request(new URL(path, url), {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': '2' },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    });
    req.on('error', reject);
  });
  req.write('{');
  if (gapMs !== undefined) setTimeout(() => req.end('}'), gapMs);
  return answer;
}

/** A keep-alive connection left idle after one answered `GET /healthz`; resolves with its socket. */
function idleKeepAlive(url: string, agent: Agent): Promise<Socket> {
  return new Promise((resolve, reject) => {
    request(new URL('/healthz', url), { agent }, (res) => {
      const socket = res.socket;
      res.resume().on('end', () => resolve(socket));
    })
      .on('error', reject)
      .end();
  });
}

const closed = (socket: Socket) =>
  new Promise<void>((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

describe('graceful shutdown on SIGTERM', () => {
  it('should let an in-flight request finish, then exit 0 within 10 s', async () => {
    // Arrange: a request whose body is still arriving when the signal comes.
    const port = await freePort();
    const sidecar = spawnSidecar({ ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}` });
    await waitUntilHealthy(sidecar.url);
    const inFlight = slowPost(sidecar.url, { gapMs: 700 });
    await new Promise((wait) => setTimeout(wait, 200));

    // Act
    const started = performance.now();
    sidecar.child.kill('SIGTERM');
    const answer = await inFlight;
    const { code } = await sidecar.exited;

    // Assert
    expect(answer).toMatchObject({ status: 200, body: 'Healthy' });
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(fetch(`${sidecar.url}/healthz`)).rejects.toThrow();
  });

  it('should close idle keep-alive connections on every listener and exit 0 as soon as the work is done', async () => {
    // Arrange: two listeners, an idle keep-alive connection on each, and on the second one a request on a
    // keep-alive connection that outlasts the quiet period; the deadline is far away.
    const [first, second] = [`http://127.0.0.1:${await freePort()}`, `http://127.0.0.1:${await freePort()}`];
    const sidecar = spawnSidecar({
      ...MINIMAL_ENV,
      ASPNETCORE_URLS: `${first};${second}`,
      HostOptions__ShutdownTimeout: '30',
    });
    await waitUntilHealthy(first);
    const [agent, busyAgent] = [new Agent({ keepAlive: true }), new Agent({ keepAlive: true })];
    const idle = [await idleKeepAlive(first, agent), await idleKeepAlive(second, agent)];
    let answered = false;
    const inFlight = slowPost(second, {
      path: '/DownstreamApiUnauthenticated/Missing',
      gapMs: 1_500,
      agent: busyAgent,
    }).finally(() => (answered = true));
    await new Promise((wait) => setTimeout(wait, 100));

    // Act
    const started = performance.now();
    sidecar.child.kill('SIGTERM');
    const idleClosedFirst = Promise.all(idle.map(closed)).then(() => !answered);
    const answer = await inFlight;
    const { code } = await sidecar.exited;
    const elapsedMs = performance.now() - started;

    // Assert: its normal answer (the reference's 400 for an unknown API), after the idle connections were closed.
    expect(answer).toMatchObject({ status: 400, connection: 'close' });
    expect(answer.body).toContain("No scopes found for the API 'Missing'");
    expect(await idleClosedFirst).toBe(true);
    expect(code).toBe(0);
    expect(elapsedMs).toBeLessThan(4_500);
    agent.destroy();
    busyAgent.destroy();
  });

  it('should cut a request that never finishes at HostOptions:ShutdownTimeout and exit 1', async () => {
    // Arrange
    const port = await freePort();
    const sidecar = spawnSidecar({
      ...MINIMAL_ENV,
      ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      HostOptions__ShutdownTimeout: '2',
    });
    await waitUntilHealthy(sidecar.url);
    slowPost(sidecar.url, { path: '/DownstreamApiUnauthenticated/Missing' }).catch(() => undefined);
    await new Promise((wait) => setTimeout(wait, 200));

    // Act
    const started = performance.now();
    const { code } = await sidecar.stop('SIGTERM');
    const elapsedMs = performance.now() - started;

    // Assert
    expect(code).toBe(1);
    expect(elapsedMs).toBeGreaterThanOrEqual(1_900);
    expect(elapsedMs).toBeLessThan(5_000);
    expect(sidecar.output()).toContain('shutdown deadline reached');
  });
});
