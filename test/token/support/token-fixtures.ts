import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { type RunningSidecar, startSidecar, type SidecarOptions } from '../../support/sidecar';

/** Demo directory ids used by the token tests. */
export const DEMO = {
  tenantId: '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
  partnerTenantId: '7d36c46d-588a-4e95-a3ac-7fd5892195f4',
  sidecar: { clientId: '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6', secret: 'demo-sidecar-secret' },
  downstream: { clientId: 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00', uri: 'api://demo-downstream' },
  user: { oid: 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde' },
  agent: { id: '01a78345-9a80-477a-b6ed-f92d7cbe2dcd' },
  systemIdentity: { clientId: 'd067bc95-b247-47c1-9ac9-caf007d7c2ee' },
  userAssignedIdentity: { clientId: '4b8a2e7c-3f51-4d0a-9c6e-5a7b1d2e3f40' },
} as const;

/** msal's grant type for on-behalf-of. */
export const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Profiles most token tests use: an app profile, a user (OBO) profile, a profile without scopes. */
export const TOKEN_PROFILES: Readonly<Record<string, string>> = {
  DownstreamApis__App__RequestAppToken: 'true',
  DownstreamApis__App__Scopes__0: `${DEMO.downstream.uri}/.default`,
  DownstreamApis__User__Scopes: `${DEMO.downstream.uri}/Weather.Read`,
  DownstreamApis__NoScopes__BaseUrl: 'https://api.example.com/',
};

/** Env of a sidecar that signs in to the emulator as demo-sidecar with its secret. */
export function emulatorEnv(
  emulator: EntraEmulator,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    AzureAd__Instance: `${emulator.url}/`,
    AzureAd__TenantId: DEMO.tenantId,
    AzureAd__ClientId: DEMO.sidecar.clientId,
    AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
    AzureAd__ClientCredentials__0__ClientSecret: DEMO.sidecar.secret,
    ...TOKEN_PROFILES,
    ...extra,
  };
}

/** An emulator and a sidecar configured against it. */
export interface TokenFixture {
  emulator: EntraEmulator;
  sidecar: RunningSidecar;
  close(): Promise<void>;
}

/** Starts an emulator (unless given) and a sidecar against it. */
export async function startTokenFixture(
  extraEnv: Record<string, string> = {},
  options: { emulator?: EntraEmulator; sidecar?: Omit<SidecarOptions, 'env'> } = {},
): Promise<TokenFixture> {
  const emulator = options.emulator ?? (await startEmulator());
  const sidecar = await startSidecar({ ...options.sidecar, env: emulatorEnv(emulator, extraEnv) });
  return {
    emulator,
    sidecar,
    close: async () => {
      await sidecar.close();
      if (options.emulator === undefined) await emulator.close();
    },
  };
}

/** On-behalf-of token requests the sidecar made to the emulator (to one tenant's path, when given). */
export const oboRequests = (fixture: TokenFixture, tenant?: string): number =>
  fixture.emulator.requests.count({ grantType: OBO_GRANT, clientId: DEMO.sidecar.clientId, tenant });

/** A user token the sidecar accepts (audience: the sidecar). */
export const userToken = (emulator: EntraEmulator, user = 'demo-user', extra: Record<string, unknown> = {}) =>
  emulator.mintAccessToken({ user, scopes: 'access_as_user', ...extra });

/** GET helper returning status and parsed JSON body. */
export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    headers: response.headers,
  };
}

/** The payload of a JWT, decoded without verification. */
export function decodePayload(token: string): Record<string, unknown> {
  const [, payload] = token.replace(/^\S+ /, '').split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}
