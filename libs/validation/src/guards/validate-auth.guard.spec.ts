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
import { type SigningKey, toSigningKey } from '../keys/signing-key';
import type { SigningKeyStore } from '../keys/signing-key-store';
import { SignedRequestValidator } from '../validate/signed-request.validator';
import type { ValidatedToken } from '../validated-token';
import { ValidationMetrics } from '../validation.metrics';
import { attachedToken } from './request-token';
import { ValidateAuthGuard } from './validate-auth.guard';

// The authority's side, generated here: one RS256 key, its metadata, and tokens signed with it.
const ISSUER = 'https://login.example/60ff808b-9e0d-4853-bd0c-ae6ac7c0b838/v2.0';
const CLIENT_ID = 'aab5089d-e764-47e3-9f28-cc11c2513821';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = toSigningKey({ ...publicKey.export({ format: 'jwk' }), kid: 'k1' }) as SigningKey;
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

/** A `SignedRequestValidator` that records what it was asked and answers one PoP token. */
class RecordingSignedRequests extends SignedRequestValidator {
  readonly seen: FastifyRequest[] = [];
  readonly answer: ValidatedToken = { protocol: 'PoP', token: 'at', assertion: 'at', claims: { sub: 'app' } };

  validate(request: FastifyRequest): Promise<ValidatedToken> {
    this.seen.push(request);
    return Promise.resolve(this.answer);
  }
}

/** The challenge of the 401 a guard call throws or rejects with. */
async function challengeOf(call: () => unknown): Promise<string | undefined> {
  try {
    await call();
  } catch (error) {
    return error instanceof SidecarError ? error.challenge : 'not a SidecarError';
  }
  return undefined;
}

describe('ValidateAuthGuard', () => {
  let validator: InboundTokenValidator;
  let signedRequests: RecordingSignedRequests;

  beforeEach(() => {
    validator = new InboundTokenValidator(
      { clientId: CLIENT_ID, audiences: [] } as unknown as ConfigType<typeof azureAdConfig>,
      {
        validation: { maxTokenLength: 16_384, clockSkewMs: 0, verifiedTokenCacheSize: 100 },
      } as unknown as ConfigType<typeof sidecarConfig>,
      keys,
      {} as TokenDecryptor,
      new ValidationMetrics(new HttpMetrics()),
    );
    signedRequests = new RecordingSignedRequests();
  });

  it('should hand a PoP header to the signed-request validator and attach the PoP token it answers', async () => {
    // Arrange
    const request = requestWith('Authorization', 'PoP eyJ.eyJ.sig');
    const guard = new ValidateAuthGuard(validator, signedRequests);

    // Act
    const admitted = await guard.canActivate(contextOf(request));

    // Assert
    expect(admitted).toBe(true);
    expect(signedRequests.seen).toEqual([request]);
    expect(attachedToken(request)).toBe(signedRequests.answer);
  });

  it.each(['pop eyJ.eyJ.sig', 'POP', 'PoP\tgarbage'])(
    'should take %j as the PoP scheme, whatever follows it',
    async (header) => {
      const request = requestWith('Authorization', header);

      await new ValidateAuthGuard(validator, signedRequests).canActivate(contextOf(request));

      expect(signedRequests.seen).toHaveLength(1);
    },
  );

  it('should never admit a PoP request from the caches, and validate it once after the fast path looked', async () => {
    // Arrange
    const request = requestWith('Authorization', 'PoP eyJ.eyJ.sig');
    const guard = new ValidateAuthGuard(validator, signedRequests);

    // Act
    const fromCache = guard.admitFromCache(request);
    const admitted = await guard.canActivate(contextOf(request));

    // Assert
    expect(fromCache).toBeUndefined();
    expect(admitted).toBe(true);
    expect(signedRequests.seen).toHaveLength(1);
  });

  it('should treat a PoP header as no Bearer credentials when no signed-request validator is provided', async () => {
    // Arrange
    const request = requestWith('Authorization', `PoP ${signedToken('unwired')}`);
    const guard = new ValidateAuthGuard(validator);

    // Act
    const challenge = await challengeOf(() => guard.canActivate(contextOf(request)));

    // Assert
    expect(challenge).toBe('Bearer');
  });

  it('should validate a Bearer token as BearerAuthGuard does, without asking the signed-request validator', async () => {
    // Arrange
    const token = signedToken('bearer');
    const request = requestWith('Authorization', `Bearer ${token}`);
    const guard = new ValidateAuthGuard(validator, signedRequests);

    // Act
    const admitted = await guard.canActivate(contextOf(request));

    // Assert
    expect(admitted).toBe(true);
    expect(attachedToken(request)).toMatchObject({ protocol: 'Bearer', token });
    expect(signedRequests.seen).toEqual([]);
  });

  it.each([
    ['another scheme that starts like it', ['Authorization', 'Popcorn a.b.c']],
    ['two Authorization headers', ['Authorization', 'PoP a.b.c', 'authorization', 'PoP a.b.c']],
  ])('should leave %s to the Bearer rules', async (_name, headers) => {
    // Arrange
    const request = requestWith(...headers);
    const guard = new ValidateAuthGuard(validator, signedRequests);

    // Act
    const challenge = await challengeOf(() => guard.canActivate(contextOf(request)));

    // Assert
    expect(challenge).toMatch(/^Bearer/);
    expect(signedRequests.seen).toEqual([]);
  });
});

describe('InboundTokenValidator.validateToken', () => {
  const validatorWith = (maxTokenLength: number) =>
    new InboundTokenValidator(
      { clientId: CLIENT_ID, audiences: [] } as unknown as ConfigType<typeof azureAdConfig>,
      {
        validation: { maxTokenLength, clockSkewMs: 0, verifiedTokenCacheSize: 100 },
      } as unknown as ConfigType<typeof sidecarConfig>,
      keys,
      {} as TokenDecryptor,
      new ValidationMetrics(new HttpMetrics()),
    );

  it('should validate a bare compact token by the Bearer rules, and answer it from the cache once stored', async () => {
    // Arrange
    const validator = validatorWith(16_384);
    const token = signedToken('embedded');

    // Act
    const first = await validator.validateToken(token);
    await validator.validateToken(token);
    const cached = validator.validateToken(token);

    // Assert
    expect(first).toMatchObject({ token, claims: { sub: 'embedded' } });
    expect(cached).not.toBeInstanceOf(Promise);
  });

  it('should refuse a token over MaxTokenLength, and one signed by another key, with a Bearer 401', async () => {
    // Arrange
    const validator = validatorWith(600);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const [header, payload] = signedToken('forged').split('.');
    const forged = `${header}.${payload}.${sign('sha256', Buffer.from(`${header}.${payload}`), other).toString('base64url')}`;

    // Act
    const tooLong = await challengeOf(() => validator.validateToken(`${'a'.repeat(601)}`));
    const wrongKey = await challengeOf(() => validatorWith(16_384).validateToken(forged));

    // Assert
    expect(tooLong).toBe('Bearer error="invalid_token"');
    expect(wrongKey).toBe('Bearer error="invalid_token", error_description="The signature is invalid"');
  });
});
