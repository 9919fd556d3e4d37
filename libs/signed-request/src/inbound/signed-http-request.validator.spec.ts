import type { PopValidationSettings, sidecarConfig } from '@app/config';
import { HttpMetrics } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import type { InboundTokenValidator, ValidatedToken } from '@app/validation';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import { CompactSign } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import type { Logger } from 'pino';
import { popValidationSettings } from '@app/testing';
import { describe, expect, it } from 'vitest';
import { SignedHttpRequestValidator } from './signed-http-request.validator';
import { SignedRequestMetrics } from './signed-request.metrics';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const AT = 'header.payload.signature';
const CLAIMS = { aud: 'sidecar', roles: ['Sidecar.Call'], cnf: { jwk: publicKey.export({ format: 'jwk' }) } };

const SETTINGS: PopValidationSettings = popValidationSettings({
  replayProtection: true,
  replayCacheSize: 100,
});

/** What the validator logged, by level. */
function recordingLogger(): { logger: Logger; lines: { level: string; fields: object }[] } {
  const lines: { level: string; fields: object }[] = [];
  const write = (level: string) => (fields: object) => void lines.push({ level, fields });
  const logger = { info: write('info'), warn: write('warn'), error: write('error') } as Record<
    string,
    unknown
  >;
  logger.child = () => logger;
  return { logger: logger as unknown as Logger, lines };
}

/** An InboundTokenValidator that accepts AT with CLAIMS, or fails as `failure` says. */
const tokensThat = (failure?: Error) =>
  ({
    validateToken: (token: string): Promise<ValidatedToken> => {
      if (failure !== undefined) return Promise.reject(failure);
      if (token !== AT)
        return Promise.reject(new SidecarError('UNAUTHENTICATED', 'The signature is invalid'));
      return Promise.resolve({ protocol: 'Bearer', token, assertion: token, claims: CLAIMS });
    },
  }) as unknown as InboundTokenValidator;

function validatorWith(tokens: InboundTokenValidator, logger: Logger): SignedHttpRequestValidator {
  const sidecar = {
    popValidation: SETTINGS,
    validation: { maxTokenLength: 16_384, clockSkewMs: 300_000 },
  } as unknown as ConfigType<typeof sidecarConfig>;
  return new SignedHttpRequestValidator(sidecar, tokens, new SignedRequestMetrics(new HttpMetrics()), logger);
}

async function requestWith(claims: Record<string, unknown> = {}): Promise<FastifyRequest> {
  const payload = {
    at: AT,
    ts: Math.floor(Date.now() / 1000),
    m: 'GET',
    u: 'api.contoso.com',
    p: '/x',
    ...claims,
  };
  const shr = await new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'ES256', typ: 'pop' })
    .sign(privateKey);
  const rawHeaders = [
    'Authorization',
    `PoP ${shr}`,
    'original-method',
    'GET',
    'original-uri',
    'https://api.contoso.com/x',
  ];
  return { id: 'req-1', raw: { rawHeaders } } as unknown as FastifyRequest;
}

const failureOf = async (attempt: Promise<unknown>): Promise<SidecarError> => {
  try {
    await attempt;
  } catch (error) {
    return error as SidecarError;
  }
  throw new Error('expected a refusal');
};

describe('SignedHttpRequestValidator', () => {
  it("should answer the embedded token as a frozen 'PoP' ValidatedToken", async () => {
    // Arrange
    const validator = validatorWith(tokensThat(), recordingLogger().logger);

    // Act
    const token = await validator.validate(await requestWith());

    // Assert
    expect(token).toEqual({ protocol: 'PoP', token: AT, assertion: AT, claims: CLAIMS });
    expect(Object.isFrozen(token)).toBe(true);
  });

  it('should refuse with the PoP challenge and log the reason with the correlation id, never the SHR', async () => {
    // Arrange
    const { logger, lines } = recordingLogger();
    const request = await requestWith({ m: 'PUT' });

    // Act
    const error = await failureOf(validatorWith(tokensThat(), logger).validate(request));

    // Assert
    expect(error).toBeInstanceOf(SidecarError);
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.challenge).toBe('PoP error="invalid_token"');
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('info');
    expect(lines[0].fields).toMatchObject({
      reason: 'M_MISMATCH',
      correlationId: 'req-1',
      event: 'SignedRequestRejected',
    });
    expect(JSON.stringify(lines)).not.toContain(request.raw.rawHeaders[1].slice(4, 40));
  });

  it("should refuse the embedded token's own failure with the PoP challenge and its detail", async () => {
    const error = await failureOf(
      validatorWith(tokensThat(), recordingLogger().logger).validate(await requestWith({ at: 'other' })),
    );

    expect(error.challenge).toBe('PoP error="invalid_token"');
    expect(error.detail).toBe(
      'The access token in the signed HTTP request is invalid: The signature is invalid',
    );
  });

  it('should answer an unexpected fault as a PoP 401, never a 5xx, logging only its name', async () => {
    // Arrange: a fault whose message quotes the request
    const { logger, lines } = recordingLogger();
    const fault = new TypeError(`cannot read ${AT}`);

    // Act
    const error = await failureOf(validatorWith(tokensThat(fault), logger).validate(await requestWith()));

    // Assert
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.challenge).toBe('PoP error="invalid_token"');
    expect(lines).toHaveLength(1);
    expect(lines[0].level).toBe('error');
    expect(lines[0].fields).toMatchObject({ error: 'TypeError' });
    expect(JSON.stringify(lines)).not.toContain(AT);
  });

  it('should refuse a replay when replay protection is on, in memory without a shared store', async () => {
    // Arrange
    const validator = validatorWith(tokensThat(), recordingLogger().logger);
    const request = await requestWith({ nonce: 'n' });

    // Act
    await validator.validate(request);
    const error = await failureOf(validator.validate(request));

    // Assert
    expect(error.detail).toBe('The signed HTTP request was already used.');
  });
});
