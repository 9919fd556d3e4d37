import { popValidationSettings } from '@app/testing';
import { describe, expect, it } from 'vitest';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

describe('sidecarSchema', () => {
  it('should default to the reference gates: overrides on authenticated routes only, no redirects', () => {
    // Arrange / Act
    const result = parseSection(sidecarSchema, undefined, 'Sidecar');

    // Assert
    expect(result.ok && result.value).toEqual({
      allowOverrides: {
        getAuthorizationHeader: true,
        getAuthorizationHeaderUnauthenticated: false,
        callDownstreamApi: true,
        callDownstreamApiUnauthenticated: false,
      },
      allowOutboundRedirects: false,
      downstream: {
        connectTimeoutMs: 10_000,
        requestTimeoutMs: 100_000,
        maxResponseBodySizeBytes: 10_485_760,
      },
      validation: {
        clockSkewMs: 300_000,
        jwksRefreshIntervalMs: 43_200_000,
        unknownKidRefreshCooldownMs: 300_000,
        verifiedTokenCacheBytes: 64 * 2 ** 20,
        verifiedTokenCacheSize: undefined,
        maxTokenLength: 16_384,
      },
      tokenCache: { maxBytes: 32 * 2 ** 20, maxEntries: undefined, redis: undefined },
      tokenAcquisition: { timeoutMs: 30_000 },
      // Pinned key by key in pop-validation.schema.spec.ts.
      popValidation: popValidationSettings(),
    });
  });

  it('should read downstream limits as TimeSpan or seconds and bytes', () => {
    // Arrange
    const raw = {
      Downstream: { ConnectTimeout: '00:00:02.5', RequestTimeout: '30', MaxResponseBodySize: '1024' },
    };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok && result.value.downstream).toEqual({
      connectTimeoutMs: 2_500,
      requestTimeoutMs: 30_000,
      maxResponseBodySizeBytes: 1_024,
    });
  });

  it('should report zero or malformed downstream limits under their documented keys', () => {
    // Arrange
    const raw = { downstream: { connecttimeout: '0', RequestTimeout: 'soon', MaxResponseBodySize: '0' } };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok ? [] : result.problems.map((problem) => problem.key)).toEqual([
      'Sidecar:Downstream:ConnectTimeout',
      'Sidecar:Downstream:RequestTimeout',
      'Sidecar:Downstream:MaxResponseBodySize',
    ]);
  });

  it('should read flags case-insensitively by key and value', () => {
    // Arrange
    const raw = {
      allowoverrides: { GETAUTHORIZATIONHEADERUNAUTHENTICATED: 'TRUE' },
      AllowOutboundRedirects: 'True',
    };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok && result.value.allowOverrides.getAuthorizationHeaderUnauthenticated).toBe(true);
    expect(result.ok && result.value.allowOutboundRedirects).toBe(true);
  });

  it('should report a value that is not a boolean under its documented key', () => {
    // Arrange
    const raw = { AllowOverrides: { CallDownstreamApi: '1' } };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'Sidecar:AllowOverrides:CallDownstreamApi', reason: 'must be true or false' },
    ]);
  });
});
