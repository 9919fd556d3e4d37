import type { AuthorityMetadata } from '../keys/authority-metadata';
import type { SigningKey } from '../keys/signing-key';
import { reject } from '../validation.errors';

const TENANT_TEMPLATE = '{tenantid}';
// Entra tenant ids are GUIDs; anything else must never be spliced into an issuer template.
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const tenantOf = (claims: Readonly<Record<string, unknown>>): string | undefined =>
  typeof claims.tid === 'string' && GUID.test(claims.tid) ? claims.tid : undefined;

const resolve = (template: string, tenant: string | undefined): string | undefined =>
  template.includes(TENANT_TEMPLATE)
    ? tenant === undefined
      ? undefined
      : template.replace(TENANT_TEMPLATE, tenant)
    : template;

/**
 * Spec G.3: `iss` must be the v1 or v2 issuer of the discovery documents. For `common`/`organizations` they
 * carry `{tenantid}`, replaced by the token's own `tid` (so the template can only match that tenant's issuer);
 * a single-tenant configuration has fixed issuers and so refuses every other tenant.
 */
export function checkIssuer(claims: Readonly<Record<string, unknown>>, metadata: AuthorityMetadata): void {
  const iss = claims.iss;
  const tenant = tenantOf(claims);
  if (typeof iss === 'string' && metadata.issuers.some((template) => resolve(template, tenant) === iss)) {
    checkTenantOfIssuer(claims, iss);
    return;
  }
  const shown = typeof iss === 'string' ? iss : 'null';
  throw reject('ISSUER_INVALID', `The issuer '${shown}' is invalid`, `The issuer '${shown}' is invalid`);
}

/**
 * A `tid`, when the token has one, is a tenant id (a GUID) and names the tenant of `iss` (its first path segment,
 * `https://login.microsoftonline.com/<tid>/v2.0`, `https://sts.windows.net/<tid>/`). On-behalf-of requests go to
 * the `tid`'s authority, so a validly signed token of one tenant must never steer the sidecar to another tenant,
 * or to another path of the authority. A fixed issuer (single tenant) would otherwise let any `tid` through.
 */
function checkTenantOfIssuer(claims: Readonly<Record<string, unknown>>, iss: string): void {
  if (claims.tid === undefined) return;
  const tenant = tenantOf(claims);
  if (tenant !== undefined && issuerTenant(iss) === tenant.toLowerCase()) return;
  throw reject(
    'TENANT_INVALID',
    "The token's tenant (tid) is not the tenant of its issuer.",
    "The token's tenant is invalid",
  );
}

function issuerTenant(iss: string): string | undefined {
  try {
    return new URL(iss).pathname.split('/')[1]?.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * Spec G.3, "AAD signing key issuer validation": a JWKS key that names an issuer may only sign for that tenant.
 * Its issuer, resolved with the token's `tid`, must be the v2 issuer of that tenant.
 */
export function checkSigningKeyIssuer(
  claims: Readonly<Record<string, unknown>>,
  key: SigningKey,
  metadata: AuthorityMetadata,
): void {
  if (key.issuer === undefined) return;
  const tenant = tenantOf(claims);
  const keyIssuer = resolve(key.issuer, tenant);
  if (keyIssuer !== undefined && keyIssuer === resolve(metadata.v2Issuer, tenant)) return;
  throw reject(
    'SIGNING_KEY_ISSUER_INVALID',
    'The signing key is not valid for the token tenant.',
    'The signing key is invalid',
  );
}
