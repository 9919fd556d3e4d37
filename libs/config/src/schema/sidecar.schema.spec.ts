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
    });
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
