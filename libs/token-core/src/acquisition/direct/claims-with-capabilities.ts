/**
 * The `claims` parameter of a token request, as msal-node builds it: the requested claims (a claims challenge,
 * OIDC §5.5) with the client's capabilities (`AzureAd:ClientCapabilities`, e.g. `cp1` for CAE) added as
 * `access_token.xms_cc.values`. undefined when there is neither. msal also adds optional `id_token` claims;
 * an app token comes without an ID token, so those are left out. Claims that are not a JSON object are a
 * caller's configuration error that msal refuses too (a 500).
 */
export function claimsWithCapabilities(
  claims: string | undefined,
  capabilities: readonly string[],
): string | undefined {
  const requested = claims === undefined || claims.trim() === '' ? undefined : parseClaims(claims);
  if (capabilities.length === 0) return requested === undefined ? undefined : claims;
  const merged = requested ?? {};
  const accessToken = isObject(merged.access_token) ? merged.access_token : {};
  return JSON.stringify({
    ...merged,
    access_token: { ...accessToken, xms_cc: { values: [...capabilities] } },
  });
}

function parseClaims(claims: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(claims);
  } catch {
    throw new Error('The claims of the token request are not JSON.');
  }
  if (!isObject(parsed)) throw new Error('The claims of the token request are not a JSON object.');
  return parsed;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
