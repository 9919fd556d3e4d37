import { resolve } from 'node:path';
import { SIDECAR_NODE_FLAGS } from '../../scripts/lib/node-flags.mjs';
import { HEAP_PROBE_ARGS } from './heap.mjs';
import { startServer } from './server.mjs';
import { median } from './stats.mjs';

/** The built entry point, relative to the repository root (see decisions.md §1). */
export const SIDECAR_MAIN = 'dist/apps/sidecar/main.js';
export const TIME_TO_READY_TARGET_MS = 400;
/** The framework's own start-up, for comparison: a bare NestJS + Fastify app, one route, from node_modules. */
export const BARE_NEST_SERVER = 'bench/servers/nest-fastify-trivial.mjs';

// Inherited configuration would make runs differ between shells; the bench sets its own.
const CONFIG_PREFIX = /^(AzureAd|DownstreamApis|Sidecar|Kestrel|Logging|ASPNETCORE)_/i;

/**
 * Minimal valid Production configuration, listening on loopback only. Instance points at a closed
 * local port so any background metadata/key fetch fails at once instead of leaving the machine.
 */
export function sidecarEnv(port, extra = {}) {
  const inherited = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => CONFIG_PREFIX.test(k))
      .map((k) => [k, undefined]),
  );
  return {
    ...inherited,
    NODE_ENV: 'production',
    ASPNETCORE_ENVIRONMENT: 'Production',
    ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
    AzureAd__Instance: 'https://127.0.0.1:1/',
    AzureAd__TenantId: '7a1d4b52-3c8e-4f0a-9b6d-2e5f8c1a4d37',
    AzureAd__ClientId: 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58',
    Logging__LogLevel__Default: 'Warning',
    ...extra,
  };
}

/**
 * Starts the built sidecar and resolves once GET /healthz answers 200 (readyMs = spawn → that 200).
 * `nodeFlags` come after the image's (`--sidecar-node-flag`, for A/B runs of a launch flag).
 */
export function startSidecar({ root, main = SIDECAR_MAIN, port, env, cpu, nodeFlags = [] }) {
  return startServer({
    name: 'sidecar',
    command: process.execPath,
    // The image's CMD's node flags (scripts/lib/node-flags.mjs), so the bench measures the sidecar as deployed.
    // The heap probe only answers SIGUSR2 (a scenario measuring what a cache holds); it costs nothing else.
    args: [...HEAP_PROBE_ARGS, ...SIDECAR_NODE_FLAGS, ...nodeFlags, resolve(root, main)],
    cwd: root,
    env: sidecarEnv(port, env),
    cpu,
    readyUrl: `http://127.0.0.1:${port}/healthz`,
    pollMs: 10,
  });
}

/**
 * TIME TO READY: starts the sidecar `samples` times and stops each instance again (every scenario gets a fresh
 * one), each time followed by the bare NestJS app, so that both see the machine as it is at that moment. The
 * verdict uses the sidecar's median, because one cold start (disk cache) is noisy.
 */
export async function measureTimeToReady({ samples, ...options }) {
  if (samples < 1) throw new Error('measureTimeToReady needs samples >= 1');
  const readyMs = [];
  const bareNestReadyMs = [];
  for (let i = 0; i < samples; i++) {
    const server = await startSidecar(options);
    readyMs.push(server.readyMs);
    await server.stop();
    const bareNest = await startServer({
      name: 'nest-fastify-trivial',
      command: process.execPath,
      args: [resolve(options.root, BARE_NEST_SERVER), String(options.port)],
      cwd: options.root,
      cpu: options.cpu,
      readyUrl: `http://127.0.0.1:${options.port}/healthz`,
      pollMs: 10,
    });
    bareNestReadyMs.push(bareNest.readyMs);
    await bareNest.stop();
  }
  const med = median(readyMs);
  return {
    readyMs,
    medianMs: med,
    targetMs: TIME_TO_READY_TARGET_MS,
    pass: med <= TIME_TO_READY_TARGET_MS,
    bareNestReadyMs,
    bareNestMedianMs: median(bareNestReadyMs),
  };
}
