import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './built-sidecar';

/** A redis-server this test started on 127.0.0.1 (no persistence), stopped by `stop()`. */
export interface TestRedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: as abrupt as a crash). */
  stop(): Promise<void>;
}

/** Whether the `redis-server` binary is installed (CI installs it; see `.ci/run`). */
export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A redis-server for a test: in the foreground, on loopback only, writing neither RDB nor AOF files. */
export const EPHEMERAL_REDIS_ARGS: readonly string[] = [
  '--bind',
  '127.0.0.1',
  '--save',
  '',
  '--appendonly',
  'no',
  '--daemonize',
  'no',
];

/** Starts `redis-server` on a free loopback port, without RDB or AOF files, and waits until it answers PING. */
export async function startRedisServer(port?: number): Promise<TestRedisServer> {
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(chosen), ...EPHEMERAL_REDIS_ARGS], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await waitForPing(chosen);
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForPing(port: number, deadline = Date.now() + 10_000): Promise<void> {
  while (Date.now() < deadline) {
    if (await ping(port)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

function ping(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      done(data.toString().startsWith('+PONG'));
    });
  });
}
