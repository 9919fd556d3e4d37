import { Doorkeeper } from '@app/collections';
import { LRUCache } from 'lru-cache';
import type { ValidatedToken } from '../validated-token';

interface Entry {
  readonly token: ValidatedToken;
  readonly expiresAtMs: number;
}

/** How much the cache keeps: `maxBytes` as counted by `verifiedEntryBytes`, a number of tokens, or both. */
export interface VerifiedTokenCacheLimits {
  readonly maxBytes?: number;
  /** 0 turns the cache off. */
  readonly maxEntries?: number;
}

/**
 * Characters of the credential's end used as the map key. A JWS ends with its signature and a JWE with its
 * authentication tag, so the tail tells tokens apart; V8 then hashes 64 characters instead of the ~1–3 KB of
 * every incoming credential (a fresh string each request, so its hash is never cached).
 */
const KEY_LENGTH = 64;

/**
 * Bytes of heap one entry is counted as besides twice its token's length: the entry's objects, its key, the
 * claims' object and lru-cache's bookkeeping. Twice the length covers the token's characters (kept once: in
 * the request's header, or in the `/Validate` answer once one is built, see `keepWithin`) and what is decoded
 * from it (the claims, and their JSON in that answer). In heap snapshots of the bench's tokens (1.4 KB) an
 * entry took 2.3–3.2 KB, without and with its `/Validate` answer; this counts 3.1 KB.
 */
export const VERIFIED_ENTRY_OVERHEAD_BYTES = 256;

/** The size of an entry for a credential of this length; string lengths only, nothing per hit. */
export const verifiedEntryBytes = (credentialLength: number): number =>
  VERIFIED_ENTRY_OVERHEAD_BYTES + 2 * credentialLength;

/**
 * The credential length the admission window is sized for when only bytes are given: the window then remembers
 * as many tokens as the budget holds of 1 KB tokens, at least as many as it can hold of real ones (1.5–3 KB).
 */
const WINDOW_TOKEN_LENGTH = 1024;

/**
 * Bounded cache of fully validated tokens (decisions §3). A hit needs exact equality with the whole credential
 * that passed every check (the tail only finds the candidate), so a forged token sharing a cached token's tail
 * is a miss and goes through full validation. Memory stays bounded because only tokens signed by the authority
 * (and under `MaxTokenLength`) ever get in, and the entries' estimated bytes stay under the budget (least
 * recently used out first). Entries die at `exp`, never later, and a hit re-checks `exp`, so the cache can only
 * narrow what full validation accepts.
 *
 * A token is stored on its second full validation within the last `window` validations (a `Doorkeeper`),
 * so tokens used once, however many, cost no cache churn and no old-generation garbage.
 */
export class VerifiedTokenCache {
  /** Undefined when a limit is 0 (lru-cache needs at least 1): the cache is off. */
  private readonly entries: LRUCache<string, Entry> | undefined;
  private readonly doorkeeper: Doorkeeper;

  constructor({ maxBytes, maxEntries }: VerifiedTokenCacheLimits) {
    if (maxBytes === undefined && maxEntries === undefined) {
      throw new TypeError('VerifiedTokenCache needs a limit');
    }
    this.entries =
      maxBytes === 0 || maxEntries === 0
        ? undefined
        : new LRUCache<string, Entry>({
            max: maxEntries,
            maxSize: maxBytes,
            sizeCalculation:
              maxBytes === undefined ? undefined : (entry) => verifiedEntryBytes(entry.token.token.length),
          } as LRUCache.Options<string, Entry, unknown>);
    const window = maxEntries ?? Math.floor((maxBytes ?? 0) / verifiedEntryBytes(WINDOW_TOKEN_LENGTH));
    this.doorkeeper = new Doorkeeper(window);
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
    if (nowMs >= expiresAtMs || this.entries === undefined) return;
    const key = keyOf(token.token);
    if (this.doorkeeper.offer(key)) this.entries.set(storedKey(key), { token, expiresAtMs });
  }

  clear(): void {
    this.entries?.clear();
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** The entries' estimated bytes (`verifiedEntryBytes` summed); 0 without a byte budget. */
  get bytes(): number {
    return this.entries?.calculatedSize ?? 0;
  }
}

const keyOf = (credential: string): string =>
  credential.length <= KEY_LENGTH ? credential : credential.slice(-KEY_LENGTH);

/**
 * The key as stored: a string of its own. V8 keeps a slice of a long string as a view into it, so the tail
 * `keyOf` cuts would keep the whole request header alive for as long as the entry lives, even once the token's
 * text lives in an answer built from it. Concatenating copies it into a string of its own (66 characters).
 */
const storedKey = (key: string): string => (' ' + key + ' ').slice(1, -1);
