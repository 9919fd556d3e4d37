import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable, startRedisServer, type TestRedisServer } from '../support/redis-server';
import type { RunningSidecar } from '../support/sidecar';
import {
  callValidate,
  type EntraEmulator,
  startEmulator,
  startValidatingSidecar,
} from '../validation/validation-fixture';
import {
  expectPopRefusal,
  ORIGINAL,
  popHeaders,
  popKey,
  type PopKey,
  popToken,
  shrClaims,
  signShr,
} from './signed-request-fixture';

const redisAvailable = redisServerAvailable();
if (!redisAvailable)
  process.stdout.write(
    'SKIP the shared replay tests of test/signed-request/replay.e2e-spec.ts: no redis-server\n',
  );

const PROTECTED = { Sidecar__PopValidation__ReplayProtection: 'true' };

// Replay protection is ours (the reference has none, spec G.7): Sidecar:PopValidation:ReplayProtection.
describe('replays of one signed HTTP request', () => {
  let emulator: EntraEmulator;
  let key: PopKey;
  let at: string;
  const started: RunningSidecar[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    key = await popKey();
    at = await popToken(emulator, { jwk: key.jwk });
  });

  afterAll(async () => {
    await Promise.all(started.map((sidecar) => sidecar.close()));
    await emulator?.close();
  });

  const sidecarWith = async (env: Record<string, string>): Promise<RunningSidecar> => {
    const sidecar = await startValidatingSidecar(emulator, env);
    started.push(sidecar);
    return sidecar;
  };
  const statusOf = async (sidecar: RunningSidecar, shr: string) =>
    (await callValidate(sidecar.url, popHeaders(shr))).status;

  it('should accept the same SHR twice when replay protection is off (the reference)', async () => {
    // Arrange
    const sidecar = await sidecarWith({});
    const shr = await signShr(shrClaims(at), key);

    // Act / Assert
    expect([await statusOf(sidecar, shr), await statusOf(sidecar, shr)]).toEqual([200, 200]);
  });

  it('should refuse the second use of an SHR with the PoP 401 when replay protection is on', async () => {
    // Arrange
    const sidecar = await sidecarWith(PROTECTED);
    const shr = await signShr(shrClaims(at), key);

    // Act
    const first = await statusOf(sidecar, shr);

    // Assert
    expect(first).toBe(200);
    await expectPopRefusal(sidecar.url, popHeaders(shr), /already used/);
    expect(sidecar.logs.records().some((line) => line.reason === 'REPLAYED')).toBe(true);
  });

  it('should refuse a nonce used again in a newly signed SHR, and accept another nonce', async () => {
    // Arrange
    const sidecar = await sidecarWith(PROTECTED);
    const first = await signShr(shrClaims(at, ORIGINAL, { nonce: 'n-1' }), key);
    const resigned = await signShr(
      shrClaims(at, ORIGINAL, { nonce: 'n-1', ts: Math.floor(Date.now() / 1000) - 1 }),
      key,
    );
    const fresh = await signShr(shrClaims(at, ORIGINAL, { nonce: 'n-2' }), key);

    // Act / Assert
    expect(await statusOf(sidecar, first)).toBe(200);
    expect(await statusOf(sidecar, resigned)).toBe(401);
    expect(await statusOf(sidecar, fresh)).toBe(200);
  });

  it('should refuse the second use of an SHR without a nonce (keyed by its hash)', async () => {
    // Arrange
    const sidecar = await sidecarWith(PROTECTED);
    const { nonce: _nonce, ...claims } = shrClaims(at);
    const shr = await signShr(claims, key);

    // Act / Assert
    expect([await statusOf(sidecar, shr), await statusOf(sidecar, shr)]).toEqual([200, 401]);
  });

  it('should not let a refused SHR use up its nonce', async () => {
    // Arrange: the same nonce, first over the wrong method, then right
    const sidecar = await sidecarWith(PROTECTED);
    const wrong = await signShr(shrClaims(at, ORIGINAL, { nonce: 'n-3', m: 'GET' }), key);
    const right = await signShr(shrClaims(at, ORIGINAL, { nonce: 'n-3' }), key);

    // Act / Assert
    expect([await statusOf(sidecar, wrong), await statusOf(sidecar, right)]).toEqual([401, 200]);
  });

  describe.skipIf(!redisAvailable)('with two sidecars sharing one redis-server', () => {
    let redis: TestRedisServer;
    let replicaA: RunningSidecar;
    let replicaB: RunningSidecar;

    beforeAll(async () => {
      redis = await startRedisServer();
      const shared = {
        ...PROTECTED,
        Sidecar__TokenCache__Redis__ConnectionString: redis.url,
        Sidecar__TokenCache__Redis__EncryptionKey: randomBytes(32).toString('base64'),
      };
      replicaA = await sidecarWith(shared);
      replicaB = await sidecarWith(shared);
    });

    afterAll(async () => {
      await redis?.stop();
    });

    it('should refuse on B an SHR already used on A', async () => {
      // Arrange
      const shr = await signShr(shrClaims(at), key);

      // Act
      const onA = await statusOf(replicaA, shr);

      // Assert
      expect(onA).toBe(200);
      await expectPopRefusal(replicaB.url, popHeaders(shr), /already used/);
      const client = new Redis(redis.url);
      const claims = await client.keys('sidecar:token:once:*');
      const ttls = await Promise.all(claims.map((claim) => client.pttl(claim)));
      client.disconnect();
      expect(claims.length).toBeGreaterThan(0);
      expect(claims.join(' ')).not.toContain(shr.split('.')[2].slice(0, 20));
      // Remembered for the SHR's lifetime plus the clock skew (5 + 5 minutes), never longer.
      for (const ttl of ttls) {
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(600_000);
      }
    });

    it('should accept on both replicas two different SHRs', async () => {
      expect(await statusOf(replicaA, await signShr(shrClaims(at), key))).toBe(200);
      expect(await statusOf(replicaB, await signShr(shrClaims(at), key))).toBe(200);
    });

    // Documented choice (ReplayGuard): with Redis down, each replica falls back to its own memory. PoP keeps
    // working; a replay on the same replica is still refused; across replicas it is not, until Redis is back.
    it('should fall back to per-replica memory while Redis is stopped', async () => {
      // Arrange
      await redis.stop();
      const shr = await signShr(shrClaims(at), key);

      // Act
      const onA = await statusOf(replicaA, shr);
      const againOnA = await statusOf(replicaA, shr);
      const onB = await statusOf(replicaB, shr);

      // Assert
      expect([onA, againOnA, onB]).toEqual([200, 401, 200]);
    });
  });
});
