import type { CachedToken } from './cached-token';

/** A second-level store shared by several sidecars (Redis); every method must fail soft. */
export abstract class DistributedTokenStore {
  /** The entry, or undefined when absent or the store is unavailable. */
  abstract get(key: string): Promise<CachedToken | undefined>;
  /** Stores the entry for `ttlMs`; never throws. */
  abstract set(key: string, token: CachedToken, ttlMs: number): Promise<void>;
  /** Raw string values (long-running OBO sessions); undefined when absent or unavailable. */
  abstract getValue(key: string): Promise<string | undefined>;
  abstract setValue(key: string, value: string, ttlMs: number): Promise<void>;
  /**
   * Claims `key` for `ttlMs` across every sidecar sharing the store, atomically: true for the first claim,
   * false when the key is already claimed, undefined when the store is unavailable (the caller decides what
   * that means). The key is hashed before it is stored.
   */
  abstract claimOnce(key: string, ttlMs: number): Promise<boolean | undefined>;
  /** Whether the last command (or connection event) succeeded: readiness reports it without calling out. */
  abstract isAvailable(): boolean;
  /** Resolves once connected, or after `timeoutMs` (the store then starts unavailable). */
  abstract ready(timeoutMs: number): Promise<void>;
  abstract close(): Promise<void>;
}
