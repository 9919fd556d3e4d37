import type { PopValidationSettings } from '@app/config';

/**
 * `Sidecar:PopValidation` as the configuration reads it with no keys set (the reference's defaults and ours),
 * with `overrides` applied: specs state only what they change. The config lib's own spec pins the defaults.
 */
export function popValidationSettings(overrides: Partial<PopValidationSettings> = {}): PopValidationSettings {
  return {
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
    ...overrides,
  };
}
