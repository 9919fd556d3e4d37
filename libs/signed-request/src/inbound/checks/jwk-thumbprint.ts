import { createHash } from 'node:crypto';

// RFC 7638 §3.2: the required members of each key type, in lexicographic order.
// A Map, so a `kty` such as `constructor` finds nothing.
const REQUIRED_MEMBERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['RSA', ['e', 'kty', 'n']],
  ['EC', ['crv', 'kty', 'x', 'y']],
  ['OKP', ['crv', 'kty', 'x']],
  ['oct', ['k', 'kty']],
]);

/**
 * RFC 7638 JWK thumbprint, base64url of SHA-256 over the required members in lexicographic order with no
 * whitespace; undefined for an unknown key type or a required member that is not a string.
 */
export function jwkThumbprint(jwk: Readonly<Record<string, unknown>>): string | undefined {
  const members = typeof jwk.kty === 'string' ? REQUIRED_MEMBERS.get(jwk.kty) : undefined;
  if (members === undefined) return undefined;
  const canonical: Record<string, string> = {};
  for (const member of members) {
    const value = jwk[member];
    if (typeof value !== 'string') return undefined;
    canonical[member] = value;
  }
  return createHash('sha256').update(JSON.stringify(canonical)).digest('base64url');
}
