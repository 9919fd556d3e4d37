import { type DownstreamServer, json, type Responder, startDownstream } from '@app/testing';
import { Agent, request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appProfile, emulatorEnv, type EntraEmulator, startEmulator } from '../downstream/support/fixture';
import { freePort, type SidecarProcess, spawnSidecar, waitUntilHealthy } from '../support/built-sidecar';
import { waitForReadiness } from '../validation/validation-fixture';

// The built sidecar on SIGTERM, with real work in flight: app tokens from the emulator over HTTPS and calls to a
// real downstream server, both made slow on purpose so that they are still running when the signal comes.

/** How long the downstream API and (once injected) the token endpoint take to answer. */
const SLOW_MS = 2_000;

/** Profiles: `Slow` calls the slow downstream API; `Fresh` asks the token endpoint on every call. */
const PROFILES = (downstreamUrl: string) => ({
  ...appProfile('Slow', downstreamUrl),
  ...appProfile('Fresh', downstreamUrl, { AcquireTokenOptions__ForceRefresh: 'true' }),
});

const DOWNSTREAM_CALL = { method: 'POST', path: '/DownstreamApiUnauthenticated/Slow' } as const;
const TOKEN_CALL = { method: 'GET', path: '/AuthorizationHeaderUnauthenticated/Fresh' } as const;
const CACHED_TOKEN_CALL = { method: 'GET', path: '/AuthorizationHeaderUnauthenticated/Slow' } as const;

interface Answer {
  status: number;
  connection: string | undefined;
  body: Record<string, unknown>;
}

/** One request on a new keep-alive connection, as a client with a connection pool arriving now sends it. */
function send(url: string, call: { method: string; path: string }): Promise<Answer> {
  const agent = new Agent({ keepAlive: true });
  return new Promise<Answer>((resolve, reject) => {
    const req = request(new URL(call.path, url), { method: call.method, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { text },
        }),
      );
    });
    req.on('error', reject);
    req.end();
  }).finally(() => agent.destroy());
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(10);
  }
}

const slowly =
  (ms: number, respond: Responder): Responder =>
  (req, res, received) =>
    setTimeout(() => respond(req, res, received), ms);

describe('draining on SIGTERM (the built sidecar)', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let sidecar: SidecarProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream(slowly(SLOW_MS, json(200, { result: 'success' })));
  });
  afterEach(async () => {
    await sidecar?.stop('SIGKILL');
    sidecar = undefined;
    emulator.faults.clear();
    emulator.requests.reset();
    downstream.received.length = 0;
  });
  afterAll(async () => {
    await Promise.all([downstream?.close(), emulator?.close()]);
  });

  /** A ready sidecar with the profiles above, whose app token for `Slow` is already cached. */
  async function startReadySidecar(): Promise<SidecarProcess> {
    const port = await freePort();
    const started = spawnSidecar({
      ...emulatorEnv(emulator),
      ...PROFILES(downstream.url),
      NODE_EXTRA_CA_CERTS: emulator.caCertPath,
      ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    });
    sidecar = started;
    await waitUntilHealthy(started.url);
    await waitForReadiness(started.url);
    expect((await send(started.url, CACHED_TOKEN_CALL)).status).toBe(200);
    return started;
  }

  it('should answer 200 to 20 downstream calls and 20 token calls in flight at SIGTERM, and to a call arriving while they run, then exit 0', async () => {
    // Arrange: 20 calls waiting on the downstream API, 20 on the (now slow) token endpoint.
    const running = await startReadySidecar();
    const tokenRequests = () => emulator.requests.count({ kind: 'token', grantType: 'client_credentials' });
    const tokenRequestsBefore = tokenRequests();
    emulator.faults.inject({
      kind: 'latency',
      ms: SLOW_MS,
      grantType: 'client_credentials',
      times: Infinity,
    });
    const calls = [
      ...Array.from({ length: 20 }, () => send(running.url, DOWNSTREAM_CALL)),
      ...Array.from({ length: 20 }, () => send(running.url, TOKEN_CALL)),
    ];
    await until(
      () => downstream.received.length === 20 && tokenRequests() === tokenRequestsBefore + 20,
      'all 40 calls are in flight',
    );

    // Act: the late call comes more than a quiet period after the signal, while the 40 still run.
    running.child.kill('SIGTERM');
    await sleep(1_400);
    const late = await send(running.url, CACHED_TOKEN_CALL);
    const answers = await Promise.all(calls);
    const { code } = await running.exited;

    // Assert
    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
    for (const answer of answers.slice(0, 20))
      expect(answer.body).toMatchObject({ statusCode: 200, content: '{"result":"success"}' });
    for (const answer of answers.slice(20)) expect(answer.body.authorizationHeader).toMatch(/^Bearer eyJ/);
    expect(late).toMatchObject({ status: 200, connection: 'close' });
    expect(code).toBe(0);
  });

  it('should keep serving calls that arrive during the drain, closing their connections, with readiness 503', async () => {
    // Arrange
    const running = await startReadySidecar();
    const readyBefore = await send(running.url, { method: 'GET', path: '/healthz/ready' });

    // Act: an application still finishing its work keeps calling after the signal, each call on a new keep-alive
    // connection: a downstream call, and a token call every 300 ms for 2 s (longer than the quiet period).
    running.child.kill('SIGTERM');
    await sleep(100);
    const ready = await send(running.url, { method: 'GET', path: '/healthz/ready' });
    const live = await send(running.url, { method: 'GET', path: '/healthz/live' });
    const downstreamCall = send(running.url, DOWNSTREAM_CALL);
    const arrivals: Answer[] = [];
    const started = performance.now();
    while (performance.now() - started < 2_000) {
      arrivals.push(await send(running.url, CACHED_TOKEN_CALL));
      await sleep(300);
    }
    const arrivedDownstream = await downstreamCall;
    const { code } = await running.exited;

    // Assert
    expect(readyBefore.status).toBe(200);
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { shutdown: { status: 'down' } } });
    expect(live.status).toBe(200);
    expect(arrivals.length).toBeGreaterThanOrEqual(4);
    for (const answer of [...arrivals, arrivedDownstream]) {
      expect(answer.status).toBe(200);
      expect(answer.connection).toBe('close');
    }
    expect(arrivedDownstream.body).toMatchObject({ statusCode: 200, content: '{"result":"success"}' });
    expect(arrivals.at(-1)?.body.authorizationHeader).toMatch(/^Bearer eyJ/);
    expect(code).toBe(0);
  });
});
