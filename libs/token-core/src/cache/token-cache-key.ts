import { createHash } from 'node:crypto';

/** Everything that makes two token requests different (dependencies.md §3.6). */
export interface TokenCacheKeyParts {
  readonly flow: string;
  readonly clientId: string;
  readonly authority: string;
  readonly tenant: string;
  readonly scopes: readonly string[];
  /** The OBO assertion, hashed here: the key never carries the token itself. */
  readonly assertion?: string;
  readonly fmiPath?: string;
  readonly claims?: string;
  readonly agent?: string;
  readonly popKeyId?: string;
  readonly managedIdentity?: string;
  readonly sessionKey?: string;
}

/** sha256, base64url. */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * A token-free key: the sha256 of the parts in a fixed order (scopes sorted, the assertion as its own sha256).
 * Hashed as a whole so every entry and every plan keeps 43 characters, not a ~250-character JSON text (built
 * by JSON.stringify as a tree of pieces that V8 keeps until something flattens it): the key is made once per
 * plan, so the hash costs a hit nothing. The shared store uses the same digest (`at:<key>`).
 */
export function tokenCacheKey(parts: TokenCacheKeyParts): string {
  const scopes =
    parts.scopes.length === 1
      ? [parts.scopes[0].toLowerCase()]
      : parts.scopes.map((scope) => scope.toLowerCase()).sort();
  return sha256(
    JSON.stringify([
      parts.flow,
      parts.clientId,
      parts.authority.toLowerCase(),
      parts.tenant.toLowerCase(),
      scopes,
      parts.assertion === undefined ? null : sha256(parts.assertion),
      parts.fmiPath ?? null,
      parts.claims ?? null,
      parts.agent ?? null,
      parts.popKeyId ?? null,
      parts.managedIdentity ?? null,
      parts.sessionKey ?? null,
    ]),
  );
}
