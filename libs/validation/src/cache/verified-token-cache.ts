import { Doorkeeper } from '@app/collections';
import { LRUCache } from 'lru-cache';
import type { ValidatedToken } from '../validated-token';

interface Entry {
  readonly token: ValidatedToken;
  readonly expiresAtMs: number;
}

/**
 * Characters of the credential's end used as the map key. A JWS ends with its signature and a JWE with its
 * authentication tag, so the tail tells tokens apart; V8 then hashes 64 characters instead of the ~1–3 KB of
 * every incoming credential (a fresh string each request, so its hash is never cached).
 */
const KEY_LENGTH = 64;

/**
 * Bounded cache of fully validated tokens (decisions §3). A hit needs exact equality with the whole credential
 * that passed every check (the tail only finds the candidate), so a forged token sharing a cached token's tail
 * is a miss and goes through full validation. Memory stays bounded because only tokens signed by the authority
 * (and under `MaxTokenLength`) ever get in. Entries die at `exp`, never later, and a hit re-checks `exp`, so
 * the cache can only narrow what full validation accepts.
 *
 * A token is stored on its second full validation within the last `capacity` validations (a `Doorkeeper`),
 * so tokens used once, however many, cost no cache churn and no old-generation garbage.
 */
export class VerifiedTokenCache {
  /** Undefined for capacity 0 (lru-cache needs at least 1): the cache is off. */
  private readonly entries: LRUCache<string, Entry> | undefined;
  private readonly doorkeeper: Doorkeeper;

  constructor(capacity: number) {
    this.entries = capacity > 0 ? new LRUCache({ max: capacity }) : undefined;
    this.doorkeeper = new Doorkeeper(capacity);
  }

  get(credential: string, nowMs: number): ValidatedToken | undefined {
    const key = keyOf(credential);
    const entry = this.entries?.get(key);
    if (entry === undefined || entry.token.token !== credential) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries?.delete(key);
      return undefined;
    }
    return entry.token;
  }

  /**
   * Offers a token that passed full validation (`token.token` is its credential); it is stored, until its
   * `exp`, when it was offered before.
   */
  offer(token: ValidatedToken, expiresAtMs: number, nowMs: number): void {
    if (nowMs >= expiresAtMs) return;
    const key = keyOf(token.token);
    if (this.doorkeeper.offer(key)) this.entries?.set(key, { token, expiresAtMs });
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }
}

const keyOf = (credential: string): string =>
  credential.length <= KEY_LENGTH ? credential : credential.slice(-KEY_LENGTH);
