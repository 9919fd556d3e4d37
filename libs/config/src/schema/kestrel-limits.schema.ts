import { count, optionalText, quote, section } from './config-values';
import { parseDurationMs } from './timespan';

/** `Kestrel:Limits:MinRequestBodyDataRate`, .NET's `MinDataRate`: the slowest request body accepted. */
export interface MinDataRate {
  /** `BytesPerSecond`: average rate a body must keep up, counted from when its reading starts. @default 240 */
  readonly bytesPerSecond: number;
  /** `GracePeriod`: how long a body may arrive slower before the rate is enforced. @default 5000 */
  readonly gracePeriodMs: number;
}

/** Kestrel's request and connection limits (`Kestrel:Limits`), as the sidecar's HTTP servers apply them. */
export interface KestrelLimits {
  /** `MaxRequestBodySize`. @default 30000000 */
  readonly maxRequestBodySizeBytes: number;
  /** `MaxRequestHeadersTotalSize`. @default 32768 */
  readonly maxRequestHeadersTotalSizeBytes: number;
  /** `KeepAliveTimeout`: an idle keep-alive connection is closed after it. @default 130000 */
  readonly keepAliveTimeoutMs: number;
  /** `RequestHeadersTimeout`: a request whose headers are not complete by then gets 408. @default 30000 */
  readonly requestHeadersTimeoutMs: number;
  /** Undefined when `BytesPerSecond` is 0, which turns the check off. @default { bytesPerSecond: 240, gracePeriodMs: 5000 } */
  readonly minRequestBodyDataRate: MinDataRate | undefined;
  /** `MaxConcurrentConnections` over all listeners; undefined means unlimited. @default undefined */
  readonly maxConcurrentConnections: number | undefined;
}

// Node's timers count at most 2^31-1 ms (24.8 days) and Node adds a second to the keep-alive timer, so a longer
// TimeSpan, which in practice means "never", is held at 24 days.
const LONGEST_TIMER_MS = 24 * 24 * 3_600_000;

// A TimeSpan (hh:mm:ss) or seconds, longer than `aboveMs`.
const timeSpan = (fallbackMs: number, aboveMs: number, requirement: string) =>
  optionalText()
    .refine((value) => value === undefined || (parseDurationMs(value) ?? -1) > aboveMs, {
      error: (issue) => `must be a ${requirement}, not ${quote(String(issue.input))}`,
    })
    .transform((value) =>
      Math.min(value === undefined ? fallbackMs : (parseDurationMs(value) ?? fallbackMs), LONGEST_TIMER_MS),
    );

const positiveTimeSpan = (fallbackMs: number) =>
  timeSpan(fallbackMs, 0, 'positive TimeSpan (hh:mm:ss) or number of seconds');

// .NET's MinDataRate takes a double; 0 never fails the check, which is how configuration turns it off.
const bytesPerSecond = optionalText()
  .refine((value) => value === undefined || /^\d+(\.\d+)?$/.test(value.trim()), {
    error: (issue) => `must be a non-negative number of bytes per second, not ${quote(String(issue.input))}`,
  })
  .transform((value) => (value === undefined ? 240 : Number(value)));

// Kestrel checks the rate once a second, so it refuses a grace period of a second or less; so do we.
const gracePeriod = timeSpan(5_000, 1_000, 'TimeSpan (hh:mm:ss) or number of seconds longer than 1 second');

const optionalCount = optionalText()
  .refine((value) => value === undefined || /^\+?\d+$/.test(value.trim()), 'must be a non-negative integer')
  .transform((value) => (value === undefined ? undefined : Number(value)))
  .refine((value) => value === undefined || Number.isSafeInteger(value), 'is too large');

/** Documented key names of `Kestrel:Limits`. */
export const kestrelLimitsShape = {
  MaxRequestBodySize: count(30_000_000),
  MaxRequestHeadersTotalSize: count(32_768),
  KeepAliveTimeout: positiveTimeSpan(130_000),
  RequestHeadersTimeout: positiveTimeSpan(30_000),
  MinRequestBodyDataRate: section({ BytesPerSecond: bytesPerSecond, GracePeriod: gracePeriod }),
  MaxConcurrentConnections: optionalCount,
};

/** Schema of `Kestrel:Limits` (input: the section's value). */
export const kestrelLimitsSchema = section(kestrelLimitsShape).transform((raw): KestrelLimits => ({
  maxRequestBodySizeBytes: raw.MaxRequestBodySize,
  maxRequestHeadersTotalSizeBytes: raw.MaxRequestHeadersTotalSize,
  keepAliveTimeoutMs: raw.KeepAliveTimeout,
  requestHeadersTimeoutMs: raw.RequestHeadersTimeout,
  minRequestBodyDataRate:
    raw.MinRequestBodyDataRate.BytesPerSecond === 0
      ? undefined
      : {
          bytesPerSecond: raw.MinRequestBodyDataRate.BytesPerSecond,
          gracePeriodMs: raw.MinRequestBodyDataRate.GracePeriod,
        },
  maxConcurrentConnections: raw.MaxConcurrentConnections,
}));
