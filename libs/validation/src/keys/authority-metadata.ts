import { fetchJsonObject, type FetchLimits } from './fetch-json-object';
import { type SigningKey, toSigningKey } from './signing-key';

/** What validation needs from the authority: accepted issuers (maybe `{tenantid}`-templated) and keys. */
export interface AuthorityMetadata {
  /** v2 then v1 issuer of the discovery documents (spec G.3). */
  readonly issuers: readonly string[];
  /** The v2 issuer; the signing-key issuer check compares against it. */
  readonly v2Issuer: string;
  readonly keys: readonly SigningKey[];
}

const LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 1_048_576 };

const textMember = (document: Record<string, unknown>, name: string, url: string): string => {
  const value = document[name];
  if (typeof value !== 'string' || value === '') throw new Error(`${url} has no '${name}'.`);
  return value;
};

/**
 * Loads the v2 and v1 discovery documents of `{instance}{tenant}` and the v2 JWKS. The JWKS must live on the
 * authority's own origin over https: a discovery document pointing elsewhere is refused.
 */
export async function loadAuthorityMetadata(instance: string, tenant: string): Promise<AuthorityMetadata> {
  const v2Url = `${instance}${tenant}/v2.0/.well-known/openid-configuration`;
  const v1Url = `${instance}${tenant}/.well-known/openid-configuration`;
  const [v2, v1] = await Promise.all([fetchJsonObject(v2Url, LIMITS), fetchJsonObject(v1Url, LIMITS)]);
  const jwksUri = new URL(textMember(v2, 'jwks_uri', v2Url));
  if (jwksUri.protocol !== 'https:' || jwksUri.origin !== new URL(instance).origin) {
    throw new Error(`${v2Url} names a jwks_uri outside the authority (${jwksUri.origin}).`);
  }
  const jwks = await fetchJsonObject(jwksUri.href, LIMITS);
  const entries = Array.isArray(jwks.keys) ? (jwks.keys as unknown[]) : [];
  const keys = entries
    .filter((entry): entry is Record<string, unknown> => typeof entry === 'object' && entry !== null)
    .map(toSigningKey)
    .filter((key): key is SigningKey => key !== undefined);
  if (keys.length === 0) throw new Error(`${jwksUri.href} has no usable signing key.`);
  const v2Issuer = textMember(v2, 'issuer', v2Url);
  return { issuers: [v2Issuer, textMember(v1, 'issuer', v1Url)], v2Issuer, keys };
}
