import { SidecarError } from '@app/problem-details';
import type { MutableDownstreamOptions } from '../profiles/mutable-options';
import type { OptionsOverride } from './options-override';

const MANAGED_IDENTITY_KEY = 'optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId';
// msal sends the value as the identity endpoint's client_id: a plain GUID, nothing else.
const CLIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Detail of the 400 for a managed identity asked for on an API that does not use one. */
export const managedIdentityNotConfiguredDetail = (apiName: string): string =>
  `${MANAGED_IDENTITY_KEY} only chooses among managed identities of an API that uses one: the API '${apiName}' ` +
  `has no DownstreamApis:${apiName}:AcquireTokenOptions:ManagedIdentity.`;

/** Detail of the 400 for a user-assigned identity that is not a client id. Never quoted: it may be anything. */
export const MANAGED_IDENTITY_CLIENT_ID_DETAIL = `${MANAGED_IDENTITY_KEY} must be a client id (GUID).`;

/** Detail of the 400 for claims that are not a JSON object. Never quoted: they may be anything. */
export const CLAIMS_DETAIL =
  'optionsOverride.AcquireTokenOptions.Claims must be a JSON object (a claims request such as a decoded claims challenge).';

/**
 * The values of a request's overrides that the token request cannot take, refused before anything is sent
 * (issue 21: caller input is a 400, never a 500 from deep inside msal):
 * - managed identity only where the operator configured it: a request may pick the user-assigned identity of
 *   an API whose profile uses managed identity, never turn another API's token request into one (off Azure
 *   that probes the instance metadata address; on Azure it would use whatever identities the host has);
 * - claims must be a JSON object, as a claims request is (OIDC Core §5.5; msal refuses anything else).
 */
export function checkOverrideValues(
  profile: MutableDownstreamOptions,
  override: OptionsOverride,
  apiName: string,
): void {
  const requested = override.acquireTokenOptions.managedIdentity;
  if (requested !== undefined) {
    if (profile.acquireTokenOptions.managedIdentity === undefined) {
      throw new SidecarError('BAD_REQUEST', managedIdentityNotConfiguredDetail(apiName));
    }
    if (!CLIENT_ID.test(requested.userAssignedClientId ?? '')) {
      throw new SidecarError('BAD_REQUEST', MANAGED_IDENTITY_CLIENT_ID_DETAIL);
    }
  }
  const claims = override.acquireTokenOptions.claims;
  if (claims !== undefined && !isJsonObject(claims)) throw new SidecarError('BAD_REQUEST', CLAIMS_DETAIL);
}

function isJsonObject(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  } catch {
    return false;
  }
}
