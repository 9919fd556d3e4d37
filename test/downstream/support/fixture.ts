import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { type RunningSidecar, startSidecar } from '../../support/sidecar';

/** Demo directory ids (apps/entra-emulator demo tenant). */
export const DEMO = {
  tenantId: '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
  partnerTenantId: '7d36c46d-588a-4e95-a3ac-7fd5892195f4',
  sidecarClientId: '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6',
  downstreamClientId: 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00',
  downstreamUri: 'api://demo-downstream',
  agentId: '01a78345-9a80-477a-b6ed-f92d7cbe2dcd',
} as const;

/** msal's grant type for on-behalf-of. */
export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Env of a sidecar signing in to the emulator as demo-sidecar. */
export const emulatorEnv = (emulator: EntraEmulator): Record<string, string> => ({
  AzureAd__Instance: `${emulator.url}/`,
  AzureAd__TenantId: DEMO.tenantId,
  AzureAd__ClientId: DEMO.sidecarClientId,
  AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
  AzureAd__ClientCredentials__0__ClientSecret: 'demo-sidecar-secret',
});

/** Env of an app-token profile (client credentials for the demo downstream API) calling `baseUrl`. */
export const appProfile = (name: string, baseUrl: string, extra: Record<string, string> = {}) => ({
  [`DownstreamApis__${name}__BaseUrl`]: baseUrl,
  [`DownstreamApis__${name}__RequestAppToken`]: 'true',
  [`DownstreamApis__${name}__Scopes__0`]: `${DEMO.downstreamUri}/.default`,
  ...Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [`DownstreamApis__${name}__${key}`, value]),
  ),
});

/** Env of a user (OBO) profile for the demo downstream API calling `baseUrl`. */
export const userProfile = (name: string, baseUrl: string, extra: Record<string, string> = {}) => ({
  [`DownstreamApis__${name}__BaseUrl`]: baseUrl,
  [`DownstreamApis__${name}__Scopes__0`]: `${DEMO.downstreamUri}/Weather.Read`,
  ...Object.fromEntries(
    Object.entries(extra).map(([key, value]) => [`DownstreamApis__${name}__${key}`, value]),
  ),
});

/** A sidecar against an emulator, with extra env. */
export async function startDownstreamSidecar(
  emulator: EntraEmulator,
  env: Record<string, string>,
): Promise<RunningSidecar> {
  return startSidecar({ env: { ...emulatorEnv(emulator), ...env } });
}

export { startEmulator, type EntraEmulator };

/** A user token the sidecar accepts (audience: the sidecar, scope access_as_user). */
export const userToken = (emulator: EntraEmulator, user = 'demo-user'): Promise<string> =>
  emulator.mintAccessToken({ user, scopes: 'access_as_user' });

/** The answer of a sidecar call: status, parsed JSON body (or null), headers. */
export interface CallResult {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** Calls the sidecar and parses its JSON answer. */
export async function call(url: string, init: RequestInit = {}): Promise<CallResult> {
  const response = await fetch(url, { method: 'POST', ...init });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
}

/** The payload of a JWT (or `Bearer <jwt>`), decoded without verification. */
export function decodePayload(token: string): Record<string, unknown> {
  const [, payload] = token.replace(/^\S+ /, '').split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
