import { count, optionalText, quote } from './config-values';
import { parseDurationMs } from './timespan';

/** `Sidecar:Validation`: inbound token validation (spec G, decisions §3); ours, the reference has no such keys. */
export interface ValidationSettings {
  /** `ClockSkew`: tolerance on `exp` and `nbf`. @default 300000 (00:05:00, spec G.1) */
  readonly clockSkewMs: number;
  /** `JwksRefreshInterval`: scheduled metadata and signing-key refresh. @default 43200000 (12:00:00) */
  readonly jwksRefreshIntervalMs: number;
  /** `UnknownKidRefreshCooldown`: minimum time between two unknown-`kid` refetches. @default 300000 */
  readonly unknownKidRefreshCooldownMs: number;
  /** `VerifiedTokenCacheSize`: entries of the verified-token cache (a token gets in on its second validation); 0 disables it. @default 10000 */
  readonly verifiedTokenCacheSize: number;
  /** `MaxTokenLength`: longer credentials are rejected before any parsing or crypto. @default 16384 */
  readonly maxTokenLength: number;
}

// A TimeSpan (hh:mm:ss) or seconds; zero is allowed for the skew only by the caller's choice of fallback.
const duration = (fallbackMs: number, minimumMs: number) =>
  optionalText()
    .refine((value) => value === undefined || (parseDurationMs(value) ?? -1) >= minimumMs, {
      error: (issue) =>
        `must be a TimeSpan (hh:mm:ss) or number of seconds${minimumMs > 0 ? ' greater than 0' : ''}, ` +
        `not ${quote(String(issue.input))}`,
    })
    .transform((value) => (value === undefined ? fallbackMs : (parseDurationMs(value) ?? fallbackMs)));

/** Documented key names of `Sidecar:Validation`. */
export const validationShape = {
  ClockSkew: duration(300_000, 0),
  JwksRefreshInterval: duration(43_200_000, 1),
  UnknownKidRefreshCooldown: duration(300_000, 0),
  VerifiedTokenCacheSize: count(10_000),
  MaxTokenLength: count(16_384).refine((value) => value >= 512, 'must be at least 512'),
};

/** The typed settings from the parsed `Sidecar:Validation` section. */
export const toValidationSettings = (raw: {
  ClockSkew: number;
  JwksRefreshInterval: number;
  UnknownKidRefreshCooldown: number;
  VerifiedTokenCacheSize: number;
  MaxTokenLength: number;
}): ValidationSettings => ({
  clockSkewMs: raw.ClockSkew,
  jwksRefreshIntervalMs: raw.JwksRefreshInterval,
  unknownKidRefreshCooldownMs: raw.UnknownKidRefreshCooldown,
  verifiedTokenCacheSize: raw.VerifiedTokenCacheSize,
  maxTokenLength: raw.MaxTokenLength,
});
