import { SidecarError } from '@app/problem-details';

// A tenant becomes one path segment of the authority URL: a GUID, a domain name, or one DNS label (Entra answers
// an unknown one itself, with AADSTS90002, as the reference expects). Never a path, a query, an encoded
// character or anything else that could leave that segment; at most a domain name's 253 characters.
const TENANT_SHAPE =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Detail of the 400 for a tenant override that is not a tenant. Never quotes it: it may be anything. */
export const TENANT_OVERRIDE_DETAIL =
  'optionsOverride.AcquireTokenOptions.Tenant must be a tenant id (GUID) or a domain name.';

/** The tenant override, checked before it becomes part of an authority URL (a 400 otherwise). */
export function overrideTenant(tenant: string | undefined): string | undefined {
  if (tenant !== undefined && !TENANT_SHAPE.test(tenant)) {
    throw new SidecarError('BAD_REQUEST', TENANT_OVERRIDE_DETAIL);
  }
  return tenant;
}

/**
 * The validated inbound token's `tid`, if any. Validation already holds it to its issuer's tenant; this keeps
 * the token core from building an authority URL out of whatever a token carries, whoever validated it.
 */
export function inboundTenant(claims: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const tid = claims?.tid;
  if (tid === undefined) return undefined;
  if (typeof tid === 'string' && TENANT_SHAPE.test(tid)) return tid;
  throw new SidecarError('UNAUTHENTICATED', "The token's tenant (tid) is not a tenant id.");
}
