import type { EmulatorContext } from '../emulator-context';
import { jwks, v1Discovery, v2Discovery } from '../discovery/discovery-documents';
import { handleTokenRequest } from '../grants/token-endpoint';
import { entraErrors } from './entra-error';
import { ok, type Route } from './handler-result';

// Only the characters a tenant id, name or domain can hold; anything else is not a tenant path.
const TENANT = '([A-Za-z0-9._-]+)';
// msal-node rebuilds a regional (ESTS-R) token endpoint with a trailing `/`, which Entra accepts.
const OPTIONAL_SLASH = '/?';

interface RouteDefinition {
  readonly method: string;
  readonly pattern: RegExp;
  readonly build: (context: EmulatorContext, tenant: string) => Route;
}

const ROUTES: readonly RouteDefinition[] = [
  {
    method: 'GET',
    pattern: new RegExp(`^/${TENANT}/v2\\.0/\\.well-known/openid-configuration$`),
    build: (context, tenant) => ({
      kind: 'discovery',
      tenant,
      handle: () => Promise.resolve(ok(v2Discovery(context, tenant))),
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/${TENANT}/\\.well-known/openid-configuration$`),
    build: (context, tenant) => ({
      kind: 'discovery',
      tenant,
      handle: () => Promise.resolve(ok(v1Discovery(context, tenant))),
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/${TENANT}/discovery/v2\\.0/keys$`),
    build: (context, tenant) => ({
      kind: 'jwks',
      tenant,
      handle: () => Promise.resolve(ok(jwks(context, tenant, '2.0'))),
    }),
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/${TENANT}/discovery/keys$`),
    build: (context, tenant) => ({
      kind: 'jwks',
      tenant,
      handle: () => Promise.resolve(ok(jwks(context, tenant, '1.0'))),
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/${TENANT}/oauth2/v2\\.0/token${OPTIONAL_SLASH}$`),
    build: (context, tenant) => ({
      kind: 'token',
      tenant,
      handle: async ({ form, headers }) => ok(await handleTokenRequest(context, tenant, form, headers)),
    }),
  },
  {
    method: 'POST',
    pattern: new RegExp(`^/${TENANT}/oauth2/token${OPTIONAL_SLASH}$`),
    build: (context, tenant) => ({
      kind: 'token',
      tenant,
      handle: async ({ form, headers }) =>
        ok(await handleTokenRequest(context, tenant, v1FormAsV2(form), headers)),
    }),
  },
];

/** The v1 endpoint names a `resource` instead of scopes: the same request as `<resource>/.default` on v2. */
function v1FormAsV2(form: Readonly<Record<string, string>>): Record<string, string> {
  if (form.scope || !form.resource) return { ...form };
  return { ...form, scope: `${form.resource.replace(/\/+$/, '')}/.default` };
}

/** Instance discovery, should a client ask: this host is its own, only alias. */
function instanceDiscovery(context: EmulatorContext): Route {
  const host = context.urls.host;
  return {
    kind: 'discovery',
    handle: () =>
      Promise.resolve(
        ok({
          tenant_discovery_endpoint: `${context.urls.base}/common/v2.0/.well-known/openid-configuration`,
          'api-version': '1.1',
          metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
        }),
      ),
  };
}

function notFound(path: string): Route {
  return {
    kind: 'other',
    handle: () =>
      Promise.reject(entraErrors.invalidRequest(`The endpoint '${path}' does not exist on this emulator.`)),
  };
}

/** Maps a method and path to an emulated Entra endpoint (unknown paths answer an Entra-shaped 400). */
export function matchEntraRoute(context: EmulatorContext, method: string, path: string): Route {
  if (method === 'GET' && path === '/common/discovery/instance') return instanceDiscovery(context);
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match && route.method === method) return route.build(context, match[1]);
  }
  return notFound(path);
}
