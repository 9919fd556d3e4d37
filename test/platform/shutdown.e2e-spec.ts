import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort, spawnSidecar, waitUntilHealthy } from '../support/built-sidecar';
import { MINIMAL_ENV } from '../support/sidecar';

describe('graceful shutdown on SIGTERM', () => {
  it('should let an in-flight request finish, then exit 0 within 10 s', async () => {
    // Arrange: a request whose body is still arriving when the signal comes.
    const port = await freePort();
    const sidecar = spawnSidecar({ ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}` });
    await waitUntilHealthy(sidecar.url);
    let answer = '';
    const inFlight = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/healthz',
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'content-length': '10' },
        },
        (res) => {
          res.on('data', (chunk: Buffer) => (answer += chunk.toString()));
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.write('12345');
      setTimeout(() => req.end('67890'), 700);
    });
    await new Promise((wait) => setTimeout(wait, 200));

    // Act
    const started = performance.now();
    sidecar.child.kill('SIGTERM');
    const status = await inFlight;
    const { code } = await sidecar.exited;

    // Assert
    expect(status).toBe(200);
    expect(answer).toBe('Healthy');
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(fetch(`${sidecar.url}/healthz`)).rejects.toThrow();
  });

  it('should exit within the shutdown timeout even when a request never finishes', async () => {
    const port = await freePort();
    const sidecar = spawnSidecar({
      ...MINIMAL_ENV,
      ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      HostOptions__ShutdownTimeout: '1',
    });
    await waitUntilHealthy(sidecar.url);
    const stuck = request({
      host: '127.0.0.1',
      port,
      path: '/healthz',
      method: 'POST',
      headers: { 'content-length': '100' },
    });
    stuck.on('error', () => undefined);
    stuck.write('never finished');
    await new Promise((wait) => setTimeout(wait, 200));

    const started = performance.now();
    const { code } = await sidecar.stop('SIGTERM');

    expect(performance.now() - started).toBeLessThan(5000);
    expect(code).not.toBeNull();
    stuck.destroy();
  });
});
