import { byteBudget, count, optionalCount, optionalText, quote } from './config-values';
import { parseDurationMs } from './timespan';

/** `Sidecar:Validation`: inbound token validation (spec G, decisions §3); ours, the reference has no such keys. */
export interface ValidationSettings {
  /** `ClockSkew`: tolerance on `exp` and `nbf`. @default 300000 (00:05:00, spec G.1) */
  readonly clockSkewMs: number;
  /** `JwksRefreshInterval`: scheduled metadata and signing-key refresh. @default 43200000 (12:00:00) */
  readonly jwksRefreshIntervalMs: number;
  /** `UnknownKidRefreshCooldown`: minimum time between two unknown-`kid` refetches. @default 300000 */
  readonly unknownKidRefreshCooldownMs: number;
  /**
   * `VerifiedTokenCacheBytes`: memory the verified-token cache may take (LRU; a token gets in on its second
   * validation), each token counted as twice its length plus 256 bytes. @default 67108864 (64 MiB)
   */
  readonly verifiedTokenCacheBytes: number;
  /** `VerifiedTokenCacheSize`: an optional cap on its number of tokens; 0 disables the cache. @default undefined */
  readonly verifiedTokenCacheSize?: number;
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

/** `Sidecar:Validation:VerifiedTokenCacheBytes` when not set: 64 MiB, about 20,000 tokens of 1.5 KB. */
export const DEFAULT_VERIFIED_TOKEN_CACHE_BYTES = 64 * 2 ** 20;

/** Documented key names of `Sidecar:Validation`. */
export const validationShape = {
  ClockSkew: duration(300_000, 0),
  JwksRefreshInterval: duration(43_200_000, 1),
  UnknownKidRefreshCooldown: duration(300_000, 0),
  VerifiedTokenCacheBytes: byteBudget(DEFAULT_VERIFIED_TOKEN_CACHE_BYTES, 2 ** 20),
  VerifiedTokenCacheSize: optionalCount(),
  MaxTokenLength: count(16_384).refine((value) => value >= 512, 'must be at least 512'),
};

/** The typed settings from the parsed `Sidecar:Validation` section. */
export const toValidationSettings = (raw: {
  ClockSkew: number;
  JwksRefreshInterval: number;
  UnknownKidRefreshCooldown: number;
  VerifiedTokenCacheBytes: number;
  VerifiedTokenCacheSize: number | undefined;
  MaxTokenLength: number;
}): ValidationSettings => ({
  clockSkewMs: raw.ClockSkew,
  jwksRefreshIntervalMs: raw.JwksRefreshInterval,
  unknownKidRefreshCooldownMs: raw.UnknownKidRefreshCooldown,
  verifiedTokenCacheBytes: raw.VerifiedTokenCacheBytes,
  verifiedTokenCacheSize: raw.VerifiedTokenCacheSize,
  maxTokenLength: raw.MaxTokenLength,
});
