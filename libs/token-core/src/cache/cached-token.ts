/** A token as the caches keep it (serialisable: Redis stores it as JSON). */
export interface CachedToken {
  readonly accessToken: string;
  readonly tokenType: string;
  /** Epoch milliseconds. */
  readonly expiresOn: number;
}

/** Entries are served until 5 minutes before the token expires (dependencies.md §3.6, msal's own margin). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** How long an entry may be served from now; ≤ 0 means "do not cache". */
export const servableForMs = (token: CachedToken, now = Date.now()): number =>
  token.expiresOn - REFRESH_MARGIN_MS - now;
