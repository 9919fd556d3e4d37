import { reject } from '../validation.errors';

/** Audiences the configuration allows: an explicit list, or the per-version default (spec G.2). */
export interface AudiencePolicy {
  /** `AzureAd:Audience` plus `AzureAd:Audiences`; empty → the default rule. */
  readonly configured: ReadonlySet<string>;
  readonly clientId: string;
}

function expected(policy: AudiencePolicy, version: unknown): ReadonlySet<string> | string | undefined {
  if (policy.configured.size > 0) return policy.configured;
  if (version === '2.0') return policy.clientId;
  if (version === '1.0') return `api://${policy.clientId}`;
  return undefined; // no `ver`: no valid audience (spec G.2)
}

const matches = (allowed: ReadonlySet<string> | string, value: unknown): boolean =>
  typeof value === 'string' && (typeof allowed === 'string' ? allowed === value : allowed.has(value));

/** Spec G.2: `aud` (a string, or an array of which one entry suffices, RFC 7519 §4.1.3) must be allowed. */
export function checkAudience(claims: Readonly<Record<string, unknown>>, policy: AudiencePolicy): void {
  const allowed = expected(policy, claims.ver);
  const aud = claims.aud;
  if (allowed !== undefined) {
    if (matches(allowed, aud)) return;
    if (Array.isArray(aud) && aud.some((entry) => matches(allowed, entry))) return;
  }
  const shown = typeof aud === 'string' ? aud : Array.isArray(aud) ? aud.map(String).join(', ') : 'empty';
  throw reject(
    'AUDIENCE_INVALID',
    `The audience '${shown}' is invalid`,
    `The audience '${shown}' is invalid`,
  );
}
