import type { DownstreamApiProfile } from '@app/config';
import type { MutableDownstreamOptions } from './mutable-options';

/**
 * A deep copy of a (frozen, shared) profile for one request (spec C.3 step 2): every dictionary and list is
 * reallocated, so nothing a request does can reach the shared profile or a concurrent request. An unknown
 * profile name yields an empty profile (spec C.3 step 1).
 */
export function copyProfile(profile: DownstreamApiProfile | undefined): MutableDownstreamOptions {
  const acquire = profile?.acquireTokenOptions;
  return {
    baseUrl: profile?.baseUrl,
    relativePath: profile?.relativePath ?? '',
    httpMethod: profile?.httpMethod ?? 'GET',
    acceptHeader: profile?.acceptHeader ?? 'application/json',
    contentType: profile?.contentType ?? 'application/json',
    scopes: profile?.scopes === undefined ? undefined : [...profile.scopes],
    requestAppToken: profile?.requestAppToken ?? false,
    extraHeaderParameters: { ...profile?.extraHeaderParameters },
    extraQueryParameters: { ...profile?.extraQueryParameters },
    acquireTokenOptions: {
      tenant: acquire?.tenant,
      claims: acquire?.claims,
      correlationId: acquire?.correlationId,
      forceRefresh: acquire?.forceRefresh ?? false,
      fmiPath: acquire?.fmiPath,
      longRunningWebApiSessionKey: acquire?.longRunningWebApiSessionKey,
      popPublicKey: acquire?.popPublicKey,
      managedIdentity: acquire?.managedIdentity === undefined ? undefined : { ...acquire.managedIdentity },
      extraQueryParameters: { ...acquire?.extraQueryParameters },
    },
  };
}
