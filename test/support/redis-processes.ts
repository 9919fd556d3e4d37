import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis, type RedisOptions } from 'ioredis';
import { freePort } from './built-sidecar';
import { EPHEMERAL_REDIS_ARGS } from './redis-server';

/** One loopback redis-server (or sentinel) of a group, with an admin connection opened on demand. */
export interface RedisProcess {
  readonly port: number;
  /** An ioredis connection to this process, opened once (closed by the group). */
  admin(): Redis;
  /** SIGKILL, as abrupt as a crash. */
  kill(): Promise<void>;
}

/**
 * redis-server processes a spec starts in one temp directory (configs, cluster state files, logs). `stopAll()`
 * in `afterAll` kills every one of them and removes the directory, whatever the tests did.
 */
export class RedisProcessGroup {
  readonly dir = mkdtempSync(join(tmpdir(), 'redis-topology-'));
  private readonly children = new Set<ChildProcess>();
  private readonly admins = new Set<Redis>();

  /** Starts `redis-server <args>` (no persistence, loopback, its log in the temp dir) and waits for its port. */
  async start(
    args: readonly string[],
    options: { port?: number; admin?: RedisOptions } = {},
  ): Promise<RedisProcess> {
    const port = options.port ?? (await freePort());
    const plain = !args.includes('--tls-port');
    const child = spawn(
      'redis-server',
      [
        ...args,
        ...(plain ? ['--port', String(port)] : []),
        ...EPHEMERAL_REDIS_ARGS,
        '--dir',
        this.dir,
        '--logfile',
        join(this.dir, `redis-${port}.log`),
      ],
      { stdio: 'ignore' },
    );
    this.children.add(child);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    await waitForPort(port);
    let admin: Redis | undefined;
    return {
      port,
      admin: () => {
        if (admin !== undefined) return admin;
        admin = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, ...options.admin });
        admin.on('error', () => undefined);
        this.admins.add(admin);
        return admin;
      },
      kill: async () => {
        if (child.exitCode === null) child.kill('SIGKILL');
        await exited;
      },
    };
  }

  async stopAll(): Promise<void> {
    for (const client of this.admins) client.disconnect();
    await Promise.all(
      [...this.children].map((child) =>
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise<void>((done) => child.once('exit', () => done()).kill('SIGKILL')),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Polls `check` every 50 ms until it is true; throws `what` after `timeoutMs`. */
export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function waitForPort(port: number): Promise<void> {
  return waitUntil(
    `redis-server on port ${port}`,
    () =>
      new Promise<boolean>((done) => {
        const socket = createConnection({ host: '127.0.0.1', port });
        socket.once('error', () => done(false));
        socket.once('connect', () => {
          socket.destroy();
          done(true);
        });
      }),
  );
}
