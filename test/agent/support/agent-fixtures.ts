import {
  defaultConfigPath,
  type EmulatorConfig,
  type EntraEmulator,
  startEmulator,
} from '@app/entra-emulator';
import { readFileSync } from 'node:fs';
import { DEMO, decodePayload, getJson } from '../../token/support/token-fixtures';

/** Demo agent ids (apps/entra-emulator/config/demo-tenant.json). */
export const AGENTS = {
  blueprint: DEMO.sidecar.clientId,
  first: '01a78345-9a80-477a-b6ed-f92d7cbe2dcd',
  second: '18e39611-2756-4906-a5e3-9831c45ba15f',
  user: { upn: 'agent-user@demo.onmicrosoft.com', oid: '1b4ae53b-563a-412f-ba78-1022e611e4b7' },
} as const;

/** The token exchange scope of T1 and T2 (spec E.3.1, E.4.2). */
export const EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';
export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Agent parameters are honoured on the routes only with their gates on (spec C.3 step 5). */
export const AGENT_GATES: Readonly<Record<string, string>> = {
  Sidecar__AllowOverrides__GetAuthorizationHeader: 'true',
  Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
};

/** Token requests the emulator saw, in order (discovery and key requests left out). */
export const tokenRequests = (emulator: EntraEmulator) => emulator.requests.list({ kind: 'token' });

/** T1 requests: the blueprint's client credentials for the exchange resource. */
export const t1Requests = (emulator: EntraEmulator, tenant?: string) =>
  emulator.requests
    .list({ kind: 'token', grantType: 'client_credentials', clientId: AGENTS.blueprint, tenant })
    .filter((request) => request.form?.scope === EXCHANGE_SCOPE);

/** GET with an optional bearer token; the header's token decoded when the call succeeded. */
export async function getHeader(
  url: string,
  bearer?: string,
): Promise<{
  status: number;
  body: Record<string, unknown>;
  token?: string;
  claims?: Record<string, unknown>;
}> {
  const { status, body } = await getJson(
    url,
    bearer === undefined ? {} : { authorization: `Bearer ${bearer}` },
  );
  if (status !== 200) return { status, body };
  const header = String(body.authorizationHeader);
  return { status, body, token: header.replace(/^Bearer /, ''), claims: decodePayload(header) };
}

/** Ids of extra agent identities under the demo blueprint (GUIDs; the number is the last segment). */
export const extraAgentId = (index: number): string =>
  `a9e17000-0000-4000-8000-${String(index).padStart(12, '0')}`;

/**
 * The demo tenant plus `count` more agent identities of the demo blueprint (each may read the demo API), for
 * tests that need agents no other test has warmed a cache for.
 */
export function startAgentEmulator(count: number): Promise<EntraEmulator> {
  const config = JSON.parse(readFileSync(defaultConfigPath(), 'utf8')) as EmulatorConfig & {
    agentBlueprints: { agentIdentities: unknown[] }[];
  };
  const extra = Array.from({ length: count }, (_, index) => ({
    name: `extra-agent-${index}`,
    id: extraAgentId(index),
    permissions: [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }],
  }));
  config.agentBlueprints[0].agentIdentities.push(...extra);
  return startEmulator({ config });
}
