import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { SIDECAR_NODE_FLAGS } from '../../scripts/lib/node-flags.mjs';

/** Path of the production bundle; `npm test` builds it first. */
export const SIDECAR_MAIN = resolve(__dirname, '../../dist/apps/sidecar/main.js');

/** The image's CMD's node flags (docs/performance.md, V8 flags), so tests run the sidecar as deployed. */
export { SIDECAR_NODE_FLAGS };

/** A sidecar running as its own process from the build output, exactly as deployed. */
export interface SidecarProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** A free loopback port (bound then released; good enough for tests on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Spawns `node <SIDECAR_NODE_FLAGS> <nodeFlags> dist/apps/sidecar/main.js <args>` with the given environment and
 * working directory (`nodeFlags`: a test's own, e.g. the bench's heap probe).
 */
export function spawnSidecar(
  env: Record<string, string>,
  cwd = process.cwd(),
  args: string[] = [],
  nodeFlags: readonly string[] = [],
  /** Another copy of the built sidecar (e.g. one moved away from node_modules). */
  main = SIDECAR_MAIN,
): SidecarProcess {
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const child = spawn(process.execPath, [...SIDECAR_NODE_FLAGS, ...nodeFlags, main, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const url = env.ASPNETCORE_URLS?.split(';')[0] ?? 'http://127.0.0.1:5000';
  return {
    url,
    child,
    output: () => output,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls `GET /healthz` until it answers 200; returns the milliseconds it took. */
export async function waitUntilHealthy(url: string, timeoutMs = 10_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(new URL('/healthz', url));
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((wait) => setTimeout(wait, 20));
  }
  throw new Error(`sidecar at ${url} was not healthy within ${timeoutMs} ms`);
}
