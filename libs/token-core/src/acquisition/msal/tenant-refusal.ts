import { SidecarError } from '@app/problem-details';
import { fetchWithin } from '@app/http';

// Entra's refusal of an unknown tenant is a small JSON object; anything larger is not one.
const MAX_REFUSAL_BYTES = 16 * 1024;

/**
 * msal-node resolves a tenant's metadata before its first token request, and when Entra refuses that
 * tenant (a mistyped tenant override, AADSTS90002) it reports only `endpoints_resolution_error`, dropping
 * Entra's answer. Spec F.8 wants that refusal as a 401 carrying the AADSTS text, so on exactly that error
 * the sidecar asks the discovery endpoint itself. Anything else — an unreachable authority, a 5xx, a body
 * that is not an Entra error — leaves the original error alone (500).
 */
export async function explainTenantRefusal(
  error: unknown,
  instance: string,
  tenant: string,
  timeoutMs: number,
): Promise<SidecarError | undefined> {
  if ((error as { errorCode?: unknown } | null)?.errorCode !== 'endpoints_resolution_error') return undefined;
  try {
    const url = `${instance}${encodeURIComponent(tenant)}/v2.0/.well-known/openid-configuration`;
    const { status, text } = await fetchWithin(url, {}, { timeoutMs, redirect: 'manual' });
    if (status < 400 || status >= 500 || text.length > MAX_REFUSAL_BYTES) return undefined;
    const description = (JSON.parse(text) as { error_description?: unknown }).error_description;
    if (typeof description !== 'string' || !/^AADSTS\d+:/.test(description)) return undefined;
    return new SidecarError('UNAUTHENTICATED', description, { cause: error });
  } catch {
    return undefined;
  }
}
