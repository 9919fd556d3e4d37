import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable, startRedisServer, type TestRedisServer } from '../support/redis-server';
import { startSidecar } from '../support/sidecar';
import { DEMO, decodePayload, emulatorEnv, getJson, userToken } from './support/token-fixtures';

const available = redisServerAvailable();
if (!available)
  process.stdout.write('SKIP test/token/redis-cache.e2e-spec.ts: redis-server is not installed\n');

const LRO_KEY = 'optionsOverride.AcquireTokenOptions.LongRunningWebApiSessionKey';

/** `/healthz/ready`'s status and its token-cache entry. */
async function cacheReadiness(url: string): Promise<{ status: number; cache: unknown }> {
  const response = await fetch(`${url}/healthz/ready`);
  const body = (await response.json()) as { details: Record<string, unknown> };
  return { status: response.status, cache: body.details['token-cache'] };
}

describe.skipIf(!available)('Redis shared token cache (Sidecar:TokenCache:Redis)', () => {
  let emulator: EntraEmulator;
  let redis: TestRedisServer;
  const encryptionKey = randomBytes(32).toString('base64');

  beforeAll(async () => {
    emulator = await startEmulator();
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
    await emulator?.close();
  });

  const redisEnv = (extra: Record<string, string> = {}) =>
    emulatorEnv(emulator, {
      Sidecar__TokenCache__Redis__ConnectionString: redis.url,
      Sidecar__TokenCache__Redis__EncryptionKey: encryptionKey,
      Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      ...extra,
    });
  const ccCount = () => emulator.requests.count({ grantType: 'client_credentials' });

  it("should serve a second sidecar's first call from the shared cache, encrypted at rest", async () => {
    // Arrange
    const first = await startSidecar({ env: redisEnv() });
    const second = await startSidecar({ env: redisEnv() });
    emulator.requests.reset();
    try {
      // Act
      const fromFirst = await getJson(`${first.url}/AuthorizationHeaderUnauthenticated/App`);
      const fromSecond = await getJson(`${second.url}/AuthorizationHeaderUnauthenticated/App`);

      // Assert
      expect([fromFirst.status, fromSecond.status]).toEqual([200, 200]);
      expect(fromSecond.body.authorizationHeader).toBe(fromFirst.body.authorizationHeader);
      expect(ccCount()).toBe(1);
      const client = new Redis(redis.url);
      const keys = await client.keys('sidecar:token:*');
      const values = await Promise.all(keys.map((key) => client.get(key)));
      client.disconnect();
      const token = String(fromFirst.body.authorizationHeader).replace('Bearer ', '');
      expect(keys.length).toBeGreaterThan(0);
      for (const value of values) {
        expect(value).not.toContain(token.split('.')[1]);
        expect(Buffer.from(String(value), 'base64').toString('latin1')).not.toContain(token.split('.')[1]);
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('should treat entries written with another key as a miss, not a failure', async () => {
    // Arrange
    const writer = await startSidecar({
      env: redisEnv({
        DownstreamApis__Graph__RequestAppToken: 'true',
        DownstreamApis__Graph__Scopes: 'https://graph.microsoft.com/.default',
      }),
    });
    await getJson(`${writer.url}/AuthorizationHeaderUnauthenticated/Graph`);
    await writer.close();
    const reader = await startSidecar({
      env: redisEnv({
        Sidecar__TokenCache__Redis__EncryptionKey: randomBytes(32).toString('base64'),
        DownstreamApis__Graph__RequestAppToken: 'true',
        DownstreamApis__Graph__Scopes: 'https://graph.microsoft.com/.default',
      }),
    });
    emulator.requests.reset();
    try {
      // Act
      const { status } = await getJson(`${reader.url}/AuthorizationHeaderUnauthenticated/Graph`);

      // Assert
      expect(status).toBe(200);
      expect(ccCount()).toBe(1);
    } finally {
      await reader.close();
    }
  });

  it('should keep a long-running OBO session across a sidecar restart', async () => {
    // Arrange
    const before = await startSidecar({ env: redisEnv() });
    const started = await getJson(`${before.url}/AuthorizationHeader/User?${LRO_KEY}=AllocateForMe`, {
      authorization: `Bearer ${await userToken(emulator)}`,
    });
    await before.close();
    const after = await startSidecar({ env: redisEnv() });
    emulator.requests.reset();
    try {
      // Act
      const key = encodeURIComponent(String(started.body.longRunningWebApiSessionKey));
      const { status, body } = await getJson(
        `${after.url}/AuthorizationHeaderUnauthenticated/User?${LRO_KEY}=${key}&optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
      );

      // Assert
      expect(started.status).toBe(200);
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).oid).toBe(DEMO.user.oid);
      expect(emulator.requests.count({ grantType: 'refresh_token' })).toBe(1);
    } finally {
      await after.close();
    }
  });

  it('should fall back to memory with a warning when Redis dies mid-run, failing no request', async () => {
    // Arrange
    const own = await startRedisServer();
    const sidecar = await startSidecar({
      env: redisEnv({ Sidecar__TokenCache__Redis__ConnectionString: own.url }),
    });
    try {
      const warm = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
      const readyBefore = await cacheReadiness(sidecar.url);

      // Act
      await own.stop();
      const answers = [];
      for (let i = 0; i < 5; i += 1) {
        answers.push(
          await getJson(
            `${sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=${i % 2 === 0}`,
          ),
        );
      }

      const readyAfter = await cacheReadiness(sidecar.url);

      // Assert
      expect(warm.status).toBe(200);
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
      // Readiness reports the outage and the fallback, and stays ready: every request is still served.
      expect(readyBefore).toMatchObject({
        status: 200,
        cache: { status: 'up', store: 'redis', redis: 'up' },
      });
      expect(readyAfter).toMatchObject({
        status: 200,
        cache: { status: 'up', store: 'redis', redis: 'down', serving: 'memory' },
      });
      expect(
        sidecar.logs
          .records()
          .some((record) => record.event === 'TokenCacheRedisUnavailable' && record.level === 'warn'),
      ).toBe(true);
    } finally {
      await sidecar.close();
    }
  });
});
