// The fixed facts of the demo: where things live, the emulator's demo tenant (apps/entra-emulator/config/
// demo-tenant.json) and the default ports, which are docker-compose.yml's.
import { resolve } from 'node:path';
import { SIDECAR_NODE_FLAGS } from './node-flags.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');

/** State and logs of a running demo; DEMO_TMP_DIR lets tests keep theirs apart from a developer's demo. */
export const TMP_DIR = process.env.DEMO_TMP_DIR ? resolve(process.env.DEMO_TMP_DIR) : resolve(ROOT, '.tmp');
export const STATE_FILE = resolve(TMP_DIR, 'demo.json');
export const CERTS_DIR = resolve(ROOT, '.certs');

export const MAINS = {
  sidecar: resolve(ROOT, 'dist/apps/sidecar/main.js'),
  emulator: resolve(ROOT, 'dist/apps/entra-emulator/main.js'),
  demoApi: resolve(ROOT, 'dist/apps/demo-api/main.js'),
};

/** Node flags per app, before its main; the sidecar's are the image's CMD's (docs/performance.md, V8 flags). */
export const NODE_FLAGS = {
  sidecar: SIDECAR_NODE_FLAGS,
};

export const DEFAULT_PORTS = { sidecar: 5000, emulator: 5443, managedIdentity: 5444, demoApi: 5080 };

export const TENANT_ID = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';
export const SIDECAR_CLIENT_ID = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';
export const DEMO_API_CLIENT_ID = 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00';
export const DEMO_API_URI = `api://${DEMO_API_CLIENT_ID}`;
export const AGENT_ID = '01a78345-9a80-477a-b6ed-f92d7cbe2dcd';
export const DEMO_USER_OID = 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde';

/** Names for the ids the tour prints, so a reader sees who is who. */
export const KNOWN_IDS = {
  [TENANT_ID]: 'demo tenant',
  [SIDECAR_CLIENT_ID]: 'demo-sidecar, the agent blueprint',
  [DEMO_API_CLIENT_ID]: 'demo downstream API',
  [DEMO_API_URI]: 'demo downstream API',
  [AGENT_ID]: 'demo-agent',
  [DEMO_USER_OID]: 'demo-user',
  'e7396d80-0d1c-4a96-90c1-f7a9677c1274': 'demo-client',
};

/**
 * The sidecar's whole configuration, as environment variables (reference key names). The secret is the
 * emulator fixture's and works nowhere else; it is never printed.
 */
export function sidecarEnvironment({ ports, caCertPath }) {
  const demoApi = `http://127.0.0.1:${ports.demoApi}/`;
  return {
    ASPNETCORE_ENVIRONMENT: 'Development',
    ASPNETCORE_URLS: `http://127.0.0.1:${ports.sidecar}`,
    NODE_EXTRA_CA_CERTS: caCertPath,
    AzureAd__Instance: `https://localhost:${ports.emulator}/`,
    AzureAd__TenantId: TENANT_ID,
    AzureAd__ClientId: SIDECAR_CLIENT_ID,
    AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
    AzureAd__ClientCredentials__0__ClientSecret: 'demo-sidecar-secret',
    // Delegated: on behalf of the caller (OBO).
    DownstreamApis__DemoApi__BaseUrl: demoApi,
    DownstreamApis__DemoApi__RelativePath: 'weather',
    DownstreamApis__DemoApi__Scopes__0: `${DEMO_API_URI}/Weather.Read`,
    // Application: the sidecar's own (or an agent identity's) app token.
    DownstreamApis__DemoApiApp__BaseUrl: demoApi,
    DownstreamApis__DemoApiApp__RelativePath: 'weather',
    DownstreamApis__DemoApiApp__RequestAppToken: 'true',
    DownstreamApis__DemoApiApp__Scopes__0: `${DEMO_API_URI}/.default`,
    // Proof-of-possession: an app token for the demo sidecar's own API, bound to the caller's key by
    // optionsOverride.AcquireTokenOptions.PopPublicKey; the same sidecar then validates requests signed with it.
    DownstreamApis__DemoSidecarApp__RequestAppToken: 'true',
    DownstreamApis__DemoSidecarApp__Scopes__0: `api://${SIDECAR_CLIENT_ID}/.default`,
    // AgentIdentity is honoured on the unauthenticated route only when this gate is open (reference B.4).
    Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
  };
}
