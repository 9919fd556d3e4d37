import { byteBudget, optionalCount, optionalText, quote } from './config-values';
import { redisSection, type RedisSettings, toRedisSettings } from './redis.schema';
import { parseDurationMs } from './timespan';

/** `Sidecar:TokenCache` and `Sidecar:TokenAcquisition`: the sidecar's own token cache and token-endpoint calls. */
export interface TokenCacheSettings {
  /**
   * `MaxBytes`: memory the cached tokens may take (LRU), each counted as its token's length plus 512 bytes.
   * @default 33554432 (32 MiB)
   */
  readonly maxBytes: number;
  /** `MaxEntries`: an optional cap on the number of tokens kept in memory. @default undefined (no cap) */
  readonly maxEntries?: number;
  /** `Redis`: the shared cache (standalone, Cluster or Sentinel); undefined = memory only. */
  readonly redis?: RedisSettings;
}

/** `Sidecar:TokenAcquisition`. */
export interface TokenAcquisitionSettings {
  /** `Timeout`: a token-endpoint or managed-identity call that takes longer fails (500). @default 30000 */
  readonly timeoutMs: number;
}

/** `Sidecar:TokenCache:MaxBytes` when not set: 32 MiB, about 16,000 tokens of 1.5 KB. */
export const DEFAULT_TOKEN_CACHE_BYTES = 32 * 2 ** 20;
/** The smallest `MaxBytes` accepted: less would hold a few hundred tokens at most. */
const MIN_CACHE_BYTES = 2 ** 20;

/** Documented key names of `Sidecar:TokenCache`. */
export const tokenCacheShape = {
  MaxBytes: byteBudget(DEFAULT_TOKEN_CACHE_BYTES, MIN_CACHE_BYTES),
  MaxEntries: optionalCount().refine((value) => value === undefined || value >= 1, 'must be at least 1'),
  Redis: redisSection(),
};

const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/** Documented key names of `Sidecar:TokenAcquisition`. */
export const tokenAcquisitionShape = {
  // A TimeSpan (hh:mm:ss) or seconds, strictly positive, like the other timeouts of the Sidecar section.
  Timeout: optionalText()
    .refine((value) => value === undefined || (parseDurationMs(value) ?? 0) > 0, {
      error: (issue) =>
        `must be a positive TimeSpan (hh:mm:ss) or number of seconds, not ${quote(String(issue.input))}`,
    })
    .transform((value) =>
      value === undefined ? DEFAULT_TOKEN_TIMEOUT_MS : (parseDurationMs(value) ?? DEFAULT_TOKEN_TIMEOUT_MS),
    ),
};

type RawTokenCache = {
  MaxBytes: number;
  MaxEntries: number | undefined;
  Redis: Parameters<typeof toRedisSettings>[0];
};

/** The typed view of the parsed `Sidecar:TokenCache` section. */
export function toTokenCacheSettings(raw: RawTokenCache): TokenCacheSettings {
  return { maxBytes: raw.MaxBytes, maxEntries: raw.MaxEntries, redis: toRedisSettings(raw.Redis) };
}
