import { randomBytes } from 'node:crypto';
import type { DirectoryUser } from '../config/directory';

/** What an emulator refresh token stands for. */
export interface RefreshGrant {
  readonly clientId: string;
  readonly tenantId: string;
  readonly user: DirectoryUser;
  /** Scopes of the original grant (resource-qualified). */
  readonly scopes: readonly string[];
  /** Agent claims carried over to refreshed tokens. */
  readonly extraClaims?: Record<string, unknown>;
  expiresAt: number;
}

// Entra's default inactivity lifetime of refresh tokens.
const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

/** Opaque refresh tokens, tracked in memory so tests can expire them. */
export class RefreshTokenStore {
  private readonly grants = new Map<string, RefreshGrant>();

  issue(grant: Omit<RefreshGrant, 'expiresAt'>, now: number): string {
    // Shaped like Entra's opaque tokens ("1.A…"); the content means nothing outside this store.
    const token = `1.AEMU${randomBytes(48).toString('base64url')}`;
    this.grants.set(token, { ...grant, expiresAt: now + REFRESH_TOKEN_LIFETIME_SECONDS });
    return token;
  }

  find(token: string): RefreshGrant | undefined {
    return this.grants.get(token);
  }

  /** Makes every issued refresh token expired (tests of AADSTS700082). */
  expireAll(now: number): void {
    for (const grant of this.grants.values()) grant.expiresAt = now - 1;
  }
}
