// Smoke test of the bench's building blocks against the bare node:http baseline server: short (about
// 3 s in all), loopback only, and every child is stopped in afterAll.
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib/free-port.mjs';
import { HEAP_PROBE_ARGS, liveHeapBytes, memoryAfterGc } from '../../bench/lib/heap.mjs';
import { runLoad } from '../../bench/lib/load.mjs';
import { loadScenarios, measureEach, measureScenario } from '../../bench/lib/scenario.mjs';
import { startServer, type StartedServer } from '../../bench/lib/server.mjs';
import { medianPairRatio, serverBoundRounds } from '../../bench/lib/stats.mjs';
import { formatTable } from '../../bench/lib/table.mjs';

const root = resolve(__dirname, '../..');

/** Starts `bench/servers/<script>.mjs` on a free loopback port and waits until `readyPath` answers 200. */
async function startBenchServer(
  script: string,
  { args = [] as string[], readyPath = '/healthz', timeoutMs = 10_000 } = {},
): Promise<{ url: string; port: number; server: StartedServer }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer({
    name: script,
    command: process.execPath,
    args: [join(root, 'bench', 'servers', `${script}.mjs`), String(port), ...args],
    readyUrl: `${url}${readyPath}`,
    timeoutMs,
  });
  return { url, port, server };
}

/** A server that uses almost no CPU: it waits 20 ms before each answer, so it never saturates its core. */
async function startWaitingServer(): Promise<{ url: string; server: StartedServer }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer({
    name: 'waiting',
    command: process.execPath,
    args: [
      '-e',
      `require('node:http').createServer((q, s) => setTimeout(() => s.end('ok'), 20)).listen(${port}, '127.0.0.1')`,
    ],
    readyUrl: `${url}/`,
  });
  return { url, server };
}

describe('bench library', () => {
  let server: StartedServer;
  let url: string;

  beforeAll(async () => {
    ({ url, server } = await startBenchServer('baseline'));
  });

  afterAll(() => server?.stop());

  it('should report the time from spawn to the first 200', () => {
    expect(server.readyMs).toBeGreaterThan(0);
    expect(server.readyMs).toBeLessThan(10_000);
  });

  it('should measure throughput and sane percentiles with autocannon', async () => {
    const result = await runLoad({ url: `${url}/healthz`, connections: 5, durationSec: 1 });
    expect(result.reqPerSec).toBeGreaterThan(0);
    expect(result.unexpected).toBe(0);
    expect(result.p50Ms).toBeGreaterThanOrEqual(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(result.p99Ms).toBeLessThan(1000);
  });

  it('should count responses with another status as unexpected', async () => {
    const result = await runLoad({
      url: `${url}/healthz`,
      connections: 2,
      durationSec: 1,
      expectStatus: 204,
    });
    expect(result.ok).toBe(0);
    expect(result.reqPerSec).toBe(0);
    expect(result.unexpected).toBeGreaterThan(0);
  });

  it('should fail fast, with the output, when a server exits before it is ready', async () => {
    const port = await freePort();
    const start = startServer({
      name: 'broken',
      command: process.execPath,
      args: ['-e', 'console.error("bad config: AzureAd:ClientId"); process.exit(3)'],
      readyUrl: `http://127.0.0.1:${port}/healthz`,
      timeoutMs: 5_000,
    });
    await expect(start).rejects.toThrow(/broken exited \(code 3\)[\s\S]*AzureAd:ClientId/);
  });

  it('should load every scenario module with the required shape', async () => {
    const scenarios = await loadScenarios(join(root, 'bench', 'scenarios'));
    expect(scenarios.map((s) => s.name)).toContain('healthz');
    // A module may export several; calibration scenarios carry no goal
    const calibrations = scenarios.filter((s) => s.targetRatio === undefined);
    expect(calibrations.map((s) => s.name)).toEqual([
      'calibration-busy-5us',
      'calibration-busy-10us',
      'downstream-vs-bare-proxy-same-flags',
      'floor-downstream-vs-bare-proxy',
      'downstream-vs-relay-floor',
      'floor-token-app-cache-hit',
      'floor-validate-repeated',
      'token-app-cache-hit-vs-floor',
      'validate-repeated-vs-floor',
      'validate-repeated-10k-users',
    ]);
    // and run after every judged scenario
    expect(scenarios.slice(-calibrations.length)).toEqual(calibrations);
    await expect(loadScenarios(join(root, 'bench', 'scenarios'), ['no-such-scenario'])).rejects.toThrow(
      /Unknown/,
    );
  });

  it('should report a scenario without a goal as INFO, never MISSED', async () => {
    // Arrange: a scenario with no targetRatio (both sides the same server)
    const scenario = {
      name: 'calibration-test',
      targetLabel: 'slow',
      target: () => ({ path: '/healthz' }),
      baseline: () => ({ path: '/healthz' }),
    };
    const sides = { sidecar: { url }, baseline: { url } };

    // Act
    const result = await measureScenario(scenario, sides, {
      connections: 2,
      durationSec: 0.5,
      warmupSec: 0,
      rounds: 1,
    });

    // Assert
    expect(result.verdict).toBe('INFO');
    expect(result.targetLabel).toBe('slow');
    expect(result.ratio).toBeGreaterThan(0);
  });

  it('should measure each scenario against a sidecar of its own, stopped after it', async () => {
    // Arrange: every "sidecar" is a new bare node:http process
    const started: { pid: number | undefined; url: string }[] = [];
    const startSidecar = async () => {
      const { url: sidecarUrl, port, server: fresh } = await startBenchServer('baseline');
      started.push({ pid: fresh.pid, url: sidecarUrl });
      return { url: sidecarUrl, port, pid: fresh.pid, stop: fresh.stop };
    };
    const measuredAgainst: (number | undefined)[] = [];
    const scenario = (name: string) => ({
      name,
      target: (ctx: { sidecar: { pid: number | undefined } }) => {
        measuredAgainst.push(ctx.sidecar.pid);
        return { path: '/healthz' };
      },
      baseline: () => ({ path: '/healthz' }),
    });

    // Act
    const results = await measureEach(
      [scenario('first'), scenario('second')],
      { baseline: { url } },
      { connections: 2, durationSec: 0.3, warmupSec: 0, rounds: 1 },
      { startSidecar },
    );

    // Assert
    expect(results.map((result) => result.name)).toEqual(['first', 'second']);
    expect(results.every((result) => result.target.reqPerSec > 0)).toBe(true);
    expect(measuredAgainst).toEqual(started.map((sidecar) => sidecar.pid));
    expect(new Set(measuredAgainst).size).toBe(2);
    for (const sidecar of started) await expect(fetch(`${sidecar.url}/healthz`)).rejects.toThrow();
  });

  it('should meter how busy the server and the load generator were', async () => {
    // Arrange: 20 ms of CPU per request and two connections keep the server's one core busy
    const { url: busyUrl, server: busy } = await startBenchServer('busy-baseline', { args: ['20000'] });

    try {
      // Act
      const result = await runLoad({
        url: `${busyUrl}/healthz`,
        connections: 2,
        durationSec: 0.6,
        serverPid: busy.pid,
      });

      // Assert: pinned or not, a busy server uses about one core; the generator waits on it
      expect(result.serverBusy).toBeGreaterThan(0.7);
      expect(result.serverBusy).toBeLessThan(1.3);
      expect(result.generatorBusy).toBeGreaterThan(0);
      expect(result.generatorBusy).toBeLessThan(result.serverBusy ?? 0);
    } finally {
      await busy.stop();
    }
  });

  it('should name a side whose server was not saturated, and only that side', async () => {
    // Arrange: the target burns CPU on every request; the baseline only waits 20 ms before answering
    const { url: busyUrl, server: busy } = await startBenchServer('busy-baseline', { args: ['20000'] });
    const { url: waitingUrl, server: waiting } = await startWaitingServer();
    const scenario = {
      name: 'saturation-test',
      target: () => ({ path: '/healthz' }),
      baseline: () => ({ url: waitingUrl, pid: waiting.pid, path: '/' }),
    };

    try {
      // Act
      const result = await measureScenario(
        scenario,
        { sidecar: { url: busyUrl, pid: busy.pid }, baseline: { url } },
        { connections: 2, durationSec: 0.6, warmupSec: 0, rounds: 1 },
      );

      // Assert
      expect(result.target.serverBusy).toBeGreaterThan(0.7);
      expect(result.baseline.serverBusy).toBeLessThan(0.3);
      expect(result.note).toMatch(/^not saturated in some rounds \(baseline server \d+% busy\)/);
      expect(result.note).not.toMatch(/sidecar server/);
    } finally {
      await Promise.all([busy.stop(), waiting.stop()]);
    }
  });

  it('should judge a server-bound scenario only on round pairs in which both servers were busy', () => {
    // Arrange: pair 0 both busy; pair 1 a generator-paced baseline; pair 2 a waiting target; pair 3 unmetered
    const target = [
      { serverBusy: 0.97 },
      { serverBusy: 0.98 },
      { serverBusy: 0.6 },
      { serverBusy: undefined },
    ];
    const baseline = [{ serverBusy: 0.93 }, { serverBusy: 0.7 }, { serverBusy: 0.95 }, { serverBusy: 0.99 }];

    // Act
    const judged = serverBoundRounds(target, baseline, 0.9);

    // Assert
    expect(judged).toEqual([0, 3]);
  });

  it("should take the median of the round pairs' ratios, so one disturbed pair cannot move it", () => {
    // Arrange: three pairs near 0.5, one where the baseline's core slowed down mid-pair
    const target = [{ reqPerSec: 500 }, { reqPerSec: 520 }, { reqPerSec: 480 }, { reqPerSec: 500 }];
    const baseline = [{ reqPerSec: 1000 }, { reqPerSec: 1000 }, { reqPerSec: 1000 }, { reqPerSec: 400 }];

    // Act
    const ratio = medianPairRatio(target, baseline, [0, 1, 2, 3]);

    // Assert
    expect(ratio).toBeCloseTo(0.51, 5);
  });

  it('should answer UNSURE, after extra rounds, when no round pair measured both servers', async () => {
    // Arrange: a server-bound scenario whose baseline only waits 20 ms per answer (never busy)
    const { url: waitingUrl, server: waiting } = await startWaitingServer();
    const scenario = {
      name: 'server-bound-test',
      targetRatio: 0.01,
      serverBound: true,
      target: () => ({ path: '/healthz' }),
      baseline: () => ({ url: waitingUrl, pid: waiting.pid, path: '/' }),
    };

    try {
      // Act
      const result = await measureScenario(
        scenario,
        { sidecar: { url, pid: server.pid }, baseline: { url } },
        { connections: 2, durationSec: 0.4, warmupSec: 0, rounds: 1 },
      );

      // Assert: the ratio alone would pass; without a bound pair there is no verdict
      expect(result.ratioAllRounds).toBeGreaterThan(scenario.targetRatio);
      expect(result.target.rounds).toHaveLength(2);
      expect(result.judgedRounds).toEqual([]);
      expect(result.verdict).toBe('UNSURE');
      expect(result.note).toMatch(
        /^no round pair had both servers at least 90% busy: the ratio is over all rounds, so no verdict/,
      );
    } finally {
      await waiting.stop();
    }
  });

  it('should make the busy baseline spend the given CPU time on every request', async () => {
    // Arrange: 20 ms of work, so the delay stands far above loopback noise
    const { url: busyUrl, server: busy } = await startBenchServer('busy-baseline', { args: ['20000'] });
    try {
      // Act
      const started = performance.now();
      const answers: string[] = [];
      for (let i = 0; i < 3; i++) answers.push(await (await fetch(`${busyUrl}/x`)).text());
      const elapsedMs = performance.now() - started;

      // Assert
      expect(answers).toEqual(['Healthy', 'Healthy', 'Healthy']);
      expect(elapsedMs).toBeGreaterThanOrEqual(60);
    } finally {
      await busy.stop();
    }
  });

  it('should have the framework floor answer exactly the bytes it was handed', async () => {
    // Arrange
    const { url: floorUrl, server: floor } = await startBenchServer('nest-fastify-floor', {
      readyPath: '/floor',
      timeoutMs: 20_000,
    });
    try {
      const headers = { 'content-type': 'application/json; charset=utf-8', pragma: 'no-cache', expires: '0' };
      const body = '{"authorizationHeader":"Bearer abc"}';

      // Act
      const handed = await fetch(`${floorUrl}/answer`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 200, headers, body }),
      });
      const answer = await fetch(`${floorUrl}/floor`);

      // Assert
      expect(handed.status).toBe(200);
      expect(answer.status).toBe(200);
      expect(await answer.text()).toBe(body);
      for (const [name, value] of Object.entries(headers)) expect(answer.headers.get(name)).toBe(value);
    } finally {
      await floor.stop();
    }
  });

  it("should have the relay floor answer the bare proxy's bytes for the same relayed request", async () => {
    // Arrange
    const { url: echoUrl, server: echo } = await startBenchServer('echo', { readyPath: '/ready' });
    const relays = [
      await startBenchServer('bare-proxy', { args: [echoUrl], readyPath: '/ready' }),
      await startBenchServer('nest-fastify-relay-floor', {
        args: [echoUrl],
        readyPath: '/ready',
        timeoutMs: 20_000,
      }),
    ];
    try {
      const body = '{"order":42}';

      // Act
      const answers = await Promise.all(
        relays.map(({ url: relayUrl }) =>
          fetch(`${relayUrl}/DownstreamApiUnauthenticated/BenchEcho`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          }),
        ),
      );

      // Assert
      const expected = JSON.stringify({
        statusCode: 200,
        headers: { 'Content-Type': ['application/json'] },
        content: body,
      });
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
        expect(await answer.text()).toBe(expected);
      }
    } finally {
      await Promise.all([...relays.map(({ server }) => server.stop()), echo.stop()]);
    }
  });

  it('should read the live heap of a process started with the probe, after a full collection', async () => {
    // Arrange: a server that keeps ~16 MB alive and has just made ~64 MB of garbage
    const port = await freePort();
    const script =
      'const kept = new Array(2e6).fill(0).map((_, i) => i + 0.5); globalThis.kept = kept;' +
      'for (let i = 0; i < 64; i++) new Array(131072).fill(i + 0.5);' +
      `require('node:http').createServer((_q, r) => r.end('ok')).listen(${port}, '127.0.0.1');`;
    const probed = await startServer({
      name: 'probed',
      command: process.execPath,
      args: [...HEAP_PROBE_ARGS, '-e', script],
      readyUrl: `http://127.0.0.1:${port}/`,
      timeoutMs: 10_000,
    });
    try {
      // Act
      const bytes = await liveHeapBytes(probed.pid!);
      const { heapUsed, rss } = await memoryAfterGc(probed.pid!);

      // Assert: the kept array counts, the garbage does not; the resident set holds the heap and Node itself
      expect(bytes).toBeGreaterThan(16e6);
      expect(bytes).toBeLessThan(60e6);
      expect(rss).toBeGreaterThan(heapUsed + 20e6);
      expect(rss).toBeLessThan(heapUsed + 200e6);
    } finally {
      await probed.stop();
    }
  });

  it('should say so when a process has no heap probe', async () => {
    // Arrange: a process that ignores SIGUSR2 (without a handler the signal would end it)
    const port = await freePort();
    const deaf = await startServer({
      name: 'deaf',
      command: process.execPath,
      args: [
        '-e',
        "process.on('SIGUSR2', () => {});" +
          `require('node:http').createServer((_q, r) => r.end('ok')).listen(${port}, '127.0.0.1');`,
      ],
      readyUrl: `http://127.0.0.1:${port}/`,
      timeoutMs: 10_000,
    });
    try {
      // Act + Assert
      await expect(liveHeapBytes(deaf.pid!, 300)).rejects.toThrow(/did not report its heap/);
    } finally {
      await deaf.stop();
    }
  });

  it('should align table columns', () => {
    const lines = formatTable(['a', 'bb'], [['long', 1]]).split('\n');
    expect(lines).toEqual(['a     bb', '----  --', 'long  1']);
  });
});
