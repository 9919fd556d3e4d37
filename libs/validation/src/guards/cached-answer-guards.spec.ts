import type { azureAdConfig, sidecarConfig } from '@app/config';
import { HttpMetrics } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import type { ExecutionContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TokenDecryptor } from '../decryption/token-decryptor';
import { InboundTokenValidator } from '../inbound-token.validator';
import type { SigningKeyStore } from '../keys/signing-key-store';
import { type SigningKey, toSigningKey } from '../keys/signing-key';
import { ValidationMetrics } from '../validation.metrics';
import { BearerAuthGuard } from './bearer-auth.guard';
import { attachedToken } from './request-token';
import { OptionalBearerAuthGuard } from './optional-bearer-auth.guard';

// The authority's side, generated here: one RS256 key, its metadata, and tokens signed with it.
const ISSUER = 'https://login.example/60ff808b-9e0d-4853-bd0c-ae6ac7c0b838/v2.0';
const CLIENT_ID = 'aab5089d-e764-47e3-9f28-cc11c2513821';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = toSigningKey({ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }) as SigningKey;
// The key source at the network edge: what SigningKeyStore holds once the authority answered.
const keys = {
  snapshot: { issuers: [ISSUER], v2Issuer: ISSUER, keys: [signingKey] },
  findKey: (kid: string) => (kid === 'k1' ? signingKey : undefined),
  onKeysRemoved: () => undefined,
} as unknown as SigningKeyStore;

const base64Url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
function signedToken(subject: string): string {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: ISSUER, aud: CLIENT_ID, ver: '2.0', sub: subject, nbf: now, exp: now + 3600 };
  const input = `${base64Url({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${base64Url(claims)}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const requestWith = (...headers: string[]): FastifyRequest =>
  ({ raw: { rawHeaders: headers } }) as unknown as FastifyRequest;
const contextOf = (request: FastifyRequest): ExecutionContext =>
  ({ getArgByIndex: (index: number) => (index === 0 ? request : undefined) }) as unknown as ExecutionContext;

describe('the guards as the cached-answer fast path uses them', () => {
  let metrics: HttpMetrics;
  let validator: InboundTokenValidator;

  beforeEach(() => {
    metrics = new HttpMetrics();
    validator = new InboundTokenValidator(
      { clientId: CLIENT_ID, audiences: [] } as unknown as ConfigType<typeof azureAdConfig>,
      {
        validation: { maxTokenLength: 16_384, clockSkewMs: 0, verifiedTokenCacheSize: 100 },
      } as unknown as ConfigType<typeof sidecarConfig>,
      keys,
      {} as TokenDecryptor,
      new ValidationMetrics(metrics),
    );
  });

  /** The value of one series on the validator's real metrics, 0 while absent. */
  async function sample(series: string): Promise<number> {
    const line = (await metrics.render()).body.split('\n').find((row) => row.startsWith(`${series} `));
    return Number(line?.split(' ')[1] ?? 0);
  }
  const cacheHits = () => sample('sidecar_validation_cache_hits_total');
  const validations = () => sample('sidecar_token_validations_total{outcome="valid"}');

  /** A token the verified-token cache holds: stored on its second full validation. */
  async function cachedToken(subject: string): Promise<string> {
    const token = signedToken(subject);
    for (let i = 0; i < 2; i++) await validator.validate(`Bearer ${token}`);
    return token;
  }

  it('should validate in full, without asking the cache again, a token the fast path did not find', async () => {
    // Arrange: the fast path looks first and misses; the token is cached before the guard runs, so a
    // second look would find it and count a cache hit
    const token = signedToken('late');
    const request = requestWith('Authorization', `Bearer ${token}`);
    const guard = new BearerAuthGuard(validator);
    expect(guard.admitFromCache(request)).toBeUndefined();
    for (let i = 0; i < 2; i++) await validator.validate(`Bearer ${token}`);
    const hitsBefore = await cacheHits();

    // Act
    const admitted = await guard.canActivate(contextOf(request));

    // Assert
    expect(admitted).toBe(true);
    expect(attachedToken(request)?.token).toBe(token);
    expect(await cacheHits()).toBe(hitsBefore);
  });

  it('should use the token the fast path found when the answer was not cached, counting one validation', async () => {
    // Arrange
    const token = await cachedToken('found');
    const request = requestWith('Authorization', `Bearer ${token}`);
    const guard = new BearerAuthGuard(validator);
    const [hitsBefore, validBefore] = [await cacheHits(), await validations()];

    // Act: the fast path admits from the cache, its lookup misses, the guard runs
    const found = guard.admitFromCache(request);
    if (found !== undefined) guard.keepAdmission(request, found);
    const admitted = guard.canActivate(contextOf(request));

    // Assert: answered without an await, and one cached validation counted in all
    expect(admitted).toBe(true);
    expect(attachedToken(request)).toBe(found);
    expect(await cacheHits()).toBe(hitsBefore + 1);
    expect(await validations()).toBe(validBefore + 1);
  });

  it('should leave a request without a token to the bearer guard, which refuses it', () => {
    const request = requestWith();
    const guard = new BearerAuthGuard(validator);

    const found = guard.admitFromCache(request);

    expect(found).toBeUndefined();
    expect(() => guard.canActivate(contextOf(request))).toThrow(SidecarError);
  });

  it('should admit an anonymous call on the optional guard from the caches, and let it through after', async () => {
    // Arrange
    const request = requestWith('Accept', '*/*');
    const guard = new OptionalBearerAuthGuard(validator);
    const validBefore = await validations();

    // Act
    const found = guard.admitFromCache(request);
    if (found !== undefined) guard.keepAdmission(request, found);
    const admitted = guard.canActivate(contextOf(request));

    // Assert
    expect(found).toBeNull();
    expect(admitted).toBe(true);
    expect(attachedToken(request)).toBeUndefined();
    expect(await validations()).toBe(validBefore);
  });

  it('should never admit from the caches a token sent in two Authorization headers', async () => {
    // Arrange
    const token = await cachedToken('twice');
    const request = requestWith('Authorization', `Bearer ${token}`, 'authorization', `Bearer ${token}`);

    // Act
    const bearer = new BearerAuthGuard(validator).admitFromCache(request);
    const optional = new OptionalBearerAuthGuard(validator).admitFromCache(request);

    // Assert
    expect(bearer).toBeUndefined();
    expect(optional).toBeUndefined();
    expect(() => new BearerAuthGuard(validator).canActivate(contextOf(request))).toThrow(SidecarError);
  });
});
