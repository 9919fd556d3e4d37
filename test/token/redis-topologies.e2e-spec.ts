import { ensureDevelopmentCa, startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/built-sidecar';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster';
import { RedisProcessGroup, waitUntil } from '../support/redis-processes';
import { startRedisSentinel, type TestRedisSentinel } from '../support/redis-sentinel';
import { redisServerAvailable } from '../support/redis-server';
import { type RunningSidecar, startSidecar } from '../support/sidecar';
import { emulatorEnv, getJson } from './support/token-fixtures';

const available = redisServerAvailable();
if (!available)
  process.stdout.write('SKIP test/token/redis-topologies.e2e-spec.ts: redis-server is not installed\n');

const APP = '/AuthorizationHeaderUnauthenticated/App';
const FORCE_REFRESH = `${APP}?optionsOverride.AcquireTokenOptions.ForceRefresh=true`;

/** `/healthz/ready`'s token-cache entry. */
async function cacheReadiness(sidecar: RunningSidecar): Promise<Record<string, unknown>> {
  const response = await fetch(`${sidecar.url}/healthz/ready`);
  return ((await response.json()) as { details: Record<string, Record<string, unknown>> }).details[
    'token-cache'
  ];
}

const redisUp = (sidecars: RunningSidecar[]) =>
  waitUntil('readiness to report redis up', async () =>
    (await Promise.all(sidecars.map(cacheReadiness))).every((entry) => entry.redis === 'up'),
  );

/**
 * Requests to every sidecar, one after the other on each, while `during` runs and for `afterMs` more; every other
 * request forces a refresh, so the shared store is written throughout. A request slower than 5 s counts as failed.
 */
async function steadyStream(sidecars: RunningSidecar[], during: () => Promise<unknown>, afterMs = 1_000) {
  let running = true;
  const statuses: number[] = [];
  const loops = sidecars.map(async (sidecar) => {
    for (let i = 0; running; i += 1) {
      const path = i % 2 === 0 ? FORCE_REFRESH : APP;
      statuses.push(
        await fetch(`${sidecar.url}${path}`, { signal: AbortSignal.timeout(5_000) }).then(
          async (response) => (await response.arrayBuffer(), response.status),
          () => 0,
        ),
      );
    }
  });
  try {
    await new Promise((done) => setTimeout(done, 300));
    await during();
    await new Promise((done) => setTimeout(done, afterMs));
  } finally {
    running = false;
    await Promise.all(loops);
  }
  return statuses;
}

describe.skipIf(!available)('Redis topologies of the shared token cache (Sidecar:TokenCache:Redis)', () => {
  let emulator: EntraEmulator;
  const encryptionKey = randomBytes(32).toString('base64');
  const sidecars: RunningSidecar[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const start = async (redis: Record<string, string>) => {
    const env: Record<string, string> = {
      Sidecar__TokenCache__Redis__EncryptionKey: encryptionKey,
      Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
    };
    for (const [key, value] of Object.entries(redis)) env[`Sidecar__TokenCache__Redis__${key}`] = value;
    const sidecar = await startSidecar({ env: emulatorEnv(emulator, env) });
    sidecars.push(sidecar);
    return sidecar;
  };
  const closeSidecars = () => Promise.all(sidecars.splice(0).map((sidecar) => sidecar.close()));
  const tokenCalls = () => emulator.requests.count({ grantType: 'client_credentials' });

  /** A token acquired by the first sidecar is served to the second from the shared store. */
  async function expectSharedHit(redis: Record<string, string>): Promise<void> {
    const first = await start(redis);
    const second = await start(redis);
    emulator.requests.reset();

    const fromFirst = await getJson(`${first.url}${APP}`);
    const fromSecond = await getJson(`${second.url}${APP}`);

    expect([fromFirst.status, fromSecond.status]).toEqual([200, 200]);
    expect(fromSecond.body.authorizationHeader).toBe(fromFirst.body.authorizationHeader);
    expect(tokenCalls()).toBe(1);
    expect(await cacheReadiness(second)).toMatchObject({ store: 'redis', redis: 'up' });
  }

  /**
   * After a failover: a token the first sidecar writes through its long-lived connection is what a fresh sidecar
   * reads, without a token call, so the connection followed the new master and the data survived.
   */
  async function expectCacheFollowsFailover(
    redis: Record<string, string>,
    [first, second]: RunningSidecar[],
  ) {
    await redisUp([first, second]);
    const before = await getJson(`${second.url}${APP}`);
    const refreshed = await getJson(`${first.url}${FORCE_REFRESH}`);
    const fresh = await start(redis);
    emulator.requests.reset();

    const read = await getJson(`${fresh.url}${APP}`);

    expect(refreshed.body.authorizationHeader).not.toBe(before.body.authorizationHeader);
    expect(read.status).toBe(200);
    expect(read.body.authorizationHeader).toBe(refreshed.body.authorizationHeader);
    expect(tokenCalls()).toBe(0);
  }

  describe('Cluster (ClusterNodes)', () => {
    const group = new RedisProcessGroup();
    let cluster: TestRedisCluster;

    beforeAll(async () => {
      cluster = await startRedisCluster(group);
    }, 30_000);
    afterAll(async () => {
      await closeSidecars();
      await group.stopAll();
    });

    it('should share a token between two sidecars through a 3-master cluster', async () => {
      await expectSharedHit({ ClusterNodes: cluster.nodes });
      await closeSidecars();
    });

    it('should fail no request when the master holding the token crashes and its replica takes over', async () => {
      // Arrange: a prefix of its own, so the one master holding this test's token is known.
      const redis = { ClusterNodes: cluster.nodes, KeyPrefix: 'failover:' };
      const pair = [await start(redis), await start(redis)];
      await getJson(`${pair[0].url}${APP}`);
      const holder = await cluster.masterOf(await onlyKey(cluster, 'failover:at:*'));

      // Act
      const statuses = await steadyStream(pair, () => cluster.crash(holder));

      // Assert
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      await expectCacheFollowsFailover(redis, pair);
      await closeSidecars();
    }, 40_000);
  });

  describe('Sentinel (Sentinels, SentinelMasterName)', () => {
    const group = new RedisProcessGroup();
    let sentinel: TestRedisSentinel;

    beforeAll(async () => {
      sentinel = await startRedisSentinel(group);
    }, 30_000);
    afterAll(async () => {
      await closeSidecars();
      await group.stopAll();
    });
    const redis = () => ({ Sentinels: sentinel.sentinels, SentinelMasterName: sentinel.masterName });

    it('should share a token between two sidecars through the master the sentinels name', async () => {
      await expectSharedHit(redis());
      await closeSidecars();
    });

    it('should fail no request through a sentinel failover, then follow the new master', async () => {
      // Arrange
      const pair = [await start(redis()), await start(redis())];

      // Act
      const statuses = await steadyStream(pair, () => sentinel.failover());

      // Assert
      expect(statuses.length).toBeGreaterThan(10);
      expect(statuses.filter((status) => status !== 200)).toEqual([]);
      await expectCacheFollowsFailover(redis(), pair);
      await closeSidecars();
    }, 40_000);
  });

  describe('TLS with a password (rediss://, Password, Tls:CaFile)', () => {
    const group = new RedisProcessGroup();
    const password = randomBytes(18).toString('base64url');
    let url: string;
    let caFile: string;

    beforeAll(async () => {
      // A CA of its own, which the test process does not trust: only Tls:CaFile makes the certificate valid.
      const ca = await ensureDevelopmentCa(join(group.dir, 'ca'));
      caFile = ca.caCertPath;
      writeFileSync(join(group.dir, 'server.pem'), ca.serverCertPem);
      writeFileSync(join(group.dir, 'server.key'), ca.serverKeyPem);
      const server = await startTlsRedis(group, password);
      url = `rediss://127.0.0.1:${server}`;
    }, 30_000);
    afterAll(async () => {
      await closeSidecars();
      await group.stopAll();
    });

    it('should share a token between two sidecars over TLS with a password', async () => {
      await expectSharedHit({ ConnectionString: url, Password: password, Tls__CaFile: caFile });
      await closeSidecars();
    });

    it('should serve from memory with a warning that does not show a wrong password', async () => {
      // Arrange
      const wrong = randomBytes(18).toString('base64url');
      const sidecar = await start({ ConnectionString: url, Password: wrong, Tls__CaFile: caFile });

      // Act
      const answer = await getJson(`${sidecar.url}${APP}`);

      // Assert
      expect(answer.status).toBe(200);
      expect(await cacheReadiness(sidecar)).toMatchObject({ redis: 'down', serving: 'memory' });
      const warnings = sidecar.logs
        .records()
        .filter((record) => record.event === 'TokenCacheRedisUnavailable');
      expect(warnings).toEqual([expect.objectContaining({ level: 'warn' })]);
      expect(String(warnings[0].reason)).toMatch(/WRONGPASS|NOAUTH/);
      expect(sidecar.logs.text()).not.toContain(wrong);
      expect(sidecar.logs.text()).not.toContain(password);
      await closeSidecars();
    });
  });
});

/** The one key matching `pattern` in the cluster (replicas hold copies, hence the set). */
async function onlyKey(cluster: TestRedisCluster, pattern: string): Promise<string> {
  const keys = new Set(
    (await Promise.all(cluster.processes.map((node) => node.admin().keys(pattern)))).flat(),
  );
  expect(keys.size).toBe(1);
  return [...keys][0];
}

/** redis-server on a TLS-only port with the test CA's server certificate, requiring `password`. */
async function startTlsRedis(group: RedisProcessGroup, password: string): Promise<number> {
  const port = await freePort();
  await group.start(
    [
      '--port',
      '0',
      '--tls-port',
      String(port),
      '--tls-cert-file',
      join(group.dir, 'server.pem'),
      '--tls-key-file',
      join(group.dir, 'server.key'),
      '--tls-ca-cert-file',
      join(group.dir, 'ca', 'ca.pem'),
      '--tls-auth-clients',
      'no',
      '--requirepass',
      password,
    ],
    { port },
  );
  return port;
}
