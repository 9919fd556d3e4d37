import { refuse } from '../signed-request.errors';

/**
 * `ts` (seconds) is always checked (spec G.7): older than `SignedHttpRequestLifetime`, or later than now, is
 * refused, both with the clock skew `Sidecar:Validation:ClockSkew` allows. The reference refuses only the
 * stale case; a request signed in the future would otherwise live longer than its lifetime.
 * Returns when the SHR stops being acceptable (ms), which bounds how long a replay must be remembered.
 */
export function checkTimestamp(
  payload: Readonly<Record<string, unknown>>,
  nowMs: number,
  lifetimeMs: number,
  skewMs: number,
): number {
  const ts = payload.ts;
  if (typeof ts !== 'number' || !Number.isFinite(ts)) {
    throw refuse('TS_INVALID', "The signed HTTP request has no numeric 'ts' claim.");
  }
  const signedAtMs = ts * 1000;
  if (signedAtMs > nowMs + skewMs) {
    throw refuse('TS_IN_FUTURE', "The signed HTTP request's 'ts' is in the future.");
  }
  const expiresAtMs = signedAtMs + lifetimeMs + skewMs;
  if (nowMs > expiresAtMs) {
    throw refuse('TS_EXPIRED', "The signed HTTP request's 'ts' is older than its allowed lifetime.");
  }
  return expiresAtMs;
}
