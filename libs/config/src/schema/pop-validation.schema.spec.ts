import { describe, expect, it } from 'vitest';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

const popValidationOf = (raw: unknown) => {
  const result = parseSection(sidecarSchema, { PopValidation: raw }, 'Sidecar');
  return result.ok ? result.value.popValidation : result.problems;
};

describe('Sidecar:PopValidation', () => {
  it("should default to the reference's checks (m, u, p; q off) and no replay protection", () => {
    // Arrange / Act
    const settings = popValidationOf(undefined);

    // Assert
    expect(settings).toEqual({
      validateM: true,
      validateU: true,
      validateP: true,
      validateQ: false,
      acceptUnsignedQueryParameters: true,
      validatePresentClaims: false,
      signedHttpRequestLifetimeMs: 300_000,
      claimsToValidateWhenPresent: ['m', 'p'],
      replayProtection: false,
      replayCacheSize: 100_000,
    });
  });

  it('should read flags, a TimeSpan or seconds, a claim list and a cache size in any key casing', () => {
    // Arrange
    const raw = {
      validatem: 'False',
      ValidateQ: 'true',
      AcceptUnsignedQueryParameters: 'false',
      ValidatePresentClaims: 'TRUE',
      SignedHttpRequestLifetime: '00:00:30',
      ClaimsToValidateWhenPresent: ['u', 'q'],
      ReplayProtection: 'true',
      ReplayCacheSize: '500',
    };

    // Act
    const settings = popValidationOf(raw);

    // Assert
    expect(settings).toMatchObject({
      validateM: false,
      validateQ: true,
      acceptUnsignedQueryParameters: false,
      validatePresentClaims: true,
      signedHttpRequestLifetimeMs: 30_000,
      claimsToValidateWhenPresent: ['u', 'q'],
      replayProtection: true,
      replayCacheSize: 500,
    });
  });

  it('should take the claim list as one space-separated string, and a lifetime in seconds', () => {
    expect(
      popValidationOf({ ClaimsToValidateWhenPresent: 'm u', SignedHttpRequestLifetime: '90' }),
    ).toMatchObject({ claimsToValidateWhenPresent: ['m', 'u'], signedHttpRequestLifetimeMs: 90_000 });
  });

  it.each(['00:00:00', '0', '-00:05:00', 'soon'])(
    'should refuse a SignedHttpRequestLifetime of %s, naming the key',
    (lifetime) => {
      // Act
      const problems = popValidationOf({ SignedHttpRequestLifetime: lifetime });

      // Assert
      expect(problems).toEqual([
        {
          key: 'Sidecar:PopValidation:SignedHttpRequestLifetime',
          reason: `must be a positive TimeSpan (hh:mm:ss) or number of seconds, not '${lifetime}'`,
        },
      ]);
    },
  );

  it('should name every other bad key', () => {
    // Arrange
    const raw = { ValidateU: 'yes', ReplayCacheSize: '0', ReplayProtection: '1' };

    // Act
    const problems = popValidationOf(raw);

    // Assert
    expect(Array.isArray(problems) ? problems.map((problem) => problem.key).sort() : problems).toEqual([
      'Sidecar:PopValidation:ReplayCacheSize',
      'Sidecar:PopValidation:ReplayProtection',
      'Sidecar:PopValidation:ValidateU',
    ]);
  });
});
