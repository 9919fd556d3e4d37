/**
 * Claims whose values most users of one application share: the tenant, issuer and audience, the token version,
 * the calling client and its scopes. JSON.parse gives every token its own copy of each; a verified token is
 * kept for as long as it may be used again, so 10,000 cached users held 10,000 copies of the same ~300 bytes.
 */
const SHARED_CLAIMS = [
  'aud',
  'iss',
  'tid',
  'ver',
  'azp',
  'azpacr',
  'appid',
  'appidacr',
  'idp',
  'idtyp',
  'scp',
  'acr',
] as const;

/** Distinct values remembered; all are forgotten at once when full (a new tenant or app is rare). */
const MAX_VALUES = 1024;

const values = new Map<string, string>();

/**
 * Replaces the string values of `SHARED_CLAIMS` in a validated token's claims with one copy per distinct value,
 * in place (the object keeps its shape); answers the same object. Only for claims of a token that passed every
 * check, so only the authority's values are ever remembered.
 */
export function shareClaimValues(claims: Record<string, unknown>): Record<string, unknown> {
  for (const name of SHARED_CLAIMS) {
    const value = claims[name];
    if (typeof value !== 'string') continue;
    const shared = values.get(value);
    if (shared !== undefined) {
      claims[name] = shared;
      continue;
    }
    if (values.size >= MAX_VALUES) values.clear();
    values.set(value, value);
  }
  return claims;
}
