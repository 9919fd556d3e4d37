import type { EntraEmulator } from '@app/entra-emulator';

/** The demo directory's ids, as the tests use them. */
export const DEMO = {
  tenantId: '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838',
  partnerTenantId: '7d36c46d-588a-4e95-a3ac-7fd5892195f4',
  sidecar: { clientId: '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6', secret: 'demo-sidecar-secret' },
  client: { clientId: 'e7396d80-0d1c-4a96-90c1-f7a9677c1274', secret: 'demo-client-secret' },
  downstream: { clientId: 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00', uri: 'api://demo-downstream' },
  agent: {
    id: '01a78345-9a80-477a-b6ed-f92d7cbe2dcd',
    userUpn: 'agent-user@demo.onmicrosoft.com',
    userOid: '1b4ae53b-563a-412f-ba78-1022e611e4b7',
  },
  agent2: { id: '18e39611-2756-4906-a5e3-9831c45ba15f' },
  user: { oid: 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde', upn: 'demo-user@demo.onmicrosoft.com' },
  systemIdentity: {
    clientId: 'd067bc95-b247-47c1-9ac9-caf007d7c2ee',
    objectId: '312273cb-52d2-4dee-be71-43b4882f7dc3',
  },
  userAssignedIdentity: {
    clientId: '4b8a2e7c-3f51-4d0a-9c6e-5a7b1d2e3f40',
    objectId: '9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f',
  },
  exchangeScope: 'api://AzureADTokenExchange/.default',
} as const;

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs a form to the tenant's v2 token endpoint with plain global fetch (trust comes from NODE_EXTRA_CA_CERTS). */
export async function postToken(
  emulator: EntraEmulator,
  form: Record<string, string>,
  tenant = 'demo',
): Promise<TokenAnswer> {
  const response = await fetch(emulator.tokenEndpoint(tenant), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function decodePayload(token: unknown): Record<string, unknown> {
  const [, payload] = String(token).split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function decodeHeader(token: unknown): Record<string, unknown> {
  const [header] = String(token).split('.');
  return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Blueprint T1 for an agent: client credentials with fmi_path, exchange scope. */
export async function blueprintExchangeToken(emulator: EntraEmulator, agentId: string): Promise<string> {
  const answer = await postToken(emulator, {
    grant_type: 'client_credentials',
    client_id: DEMO.sidecar.clientId,
    client_secret: DEMO.sidecar.secret,
    scope: DEMO.exchangeScope,
    fmi_path: agentId,
  });
  return String(answer.body.access_token);
}

export const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
