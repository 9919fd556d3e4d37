import { describe, expect, it } from 'vitest';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

describe('Sidecar:Validation', () => {
  it('should read TimeSpans, seconds and counts', () => {
    // Arrange
    const raw = {
      Validation: {
        ClockSkew: '00:01:00',
        JwksRefreshInterval: '0.2',
        UnknownKidRefreshCooldown: '0',
        VerifiedTokenCacheBytes: '2097152',
        VerifiedTokenCacheSize: '0',
        MaxTokenLength: '8192',
      },
    };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok && result.value.validation).toEqual({
      clockSkewMs: 60_000,
      jwksRefreshIntervalMs: 200,
      unknownKidRefreshCooldownMs: 0,
      verifiedTokenCacheBytes: 2_097_152,
      verifiedTokenCacheSize: 0,
      maxTokenLength: 8192,
    });
  });

  it('should name every bad key', () => {
    // Arrange
    const raw = { validation: { clockskew: 'soon', JwksRefreshInterval: '0', MaxTokenLength: '10' } };

    // Act
    const result = parseSection(sidecarSchema, raw, 'Sidecar');

    // Assert
    expect(result.ok ? [] : result.problems.map((problem) => problem.key).sort()).toEqual([
      'Sidecar:Validation:ClockSkew',
      'Sidecar:Validation:JwksRefreshInterval',
      'Sidecar:Validation:MaxTokenLength',
    ]);
  });
});
