import { LruMap } from '@app/collections';
import type { ValidatedToken } from '../validated-token';

interface Entry {
  readonly token: ValidatedToken;
  readonly expiresAtMs: number;
}

/**
 * Bounded cache of fully validated tokens (decisions §3). The key is the credential string itself rather than a
 * digest: a hit needs exact equality with a token that passed every check, so there is no collision to reason
 * about, and V8 hashes the string faster than SHA-256 would. Memory stays bounded because only tokens signed
 * by the authority (and under `MaxTokenLength`) ever get in. Entries die at `exp`, never later, and a hit
 * re-checks `exp`, so the cache can only narrow what full validation accepts.
 */
export class VerifiedTokenCache {
  private readonly entries: LruMap<Entry>;

  constructor(capacity: number) {
    this.entries = new LruMap(capacity);
  }

  get(credential: string, nowMs: number): ValidatedToken | undefined {
    const entry = this.entries.get(credential);
    if (entry === undefined) return undefined;
    if (nowMs >= entry.expiresAtMs) {
      this.entries.delete(credential);
      return undefined;
    }
    return entry.token;
  }

  /** Stores a token that passed full validation, until its `exp`. */
  set(credential: string, token: ValidatedToken, expiresAtMs: number, nowMs: number): void {
    if (nowMs >= expiresAtMs) return;
    this.entries.set(credential, { token, expiresAtMs });
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
