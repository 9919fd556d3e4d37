import type { AuthenticationResult } from '@azure/msal-node';
import type { AcquiredToken } from '../token-request';

/** msal's result as the sidecar needs it; msal answers null only when it found nothing, which we never ask. */
export function toAcquiredToken(result: AuthenticationResult | null): AcquiredToken {
  if (result === null || result.accessToken === '') throw new Error('msal returned no access token.');
  return {
    accessToken: result.accessToken,
    // Spec C.3 step 8: the header scheme is the token type Entra returned (Bearer, or pop).
    tokenType: result.tokenType || 'Bearer',
    expiresOn: result.expiresOn ?? new Date(Date.now() + 3_600_000),
  };
}

/** msal's `extraQueryParameters` exists at run time but not in the CC/OBO request types (dependencies.md §3.1). */
export function withExtraQuery<T extends object>(request: T, extra: Readonly<Record<string, string>>): T {
  return Object.keys(extra).length === 0 ? request : { ...request, extraQueryParameters: { ...extra } };
}
