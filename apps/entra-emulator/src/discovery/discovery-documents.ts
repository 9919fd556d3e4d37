import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';

/** `common` and `organizations` advertise a templated issuer; `{tenantid}` is replaced by each token's `tid`. */
export const TENANT_ID_TEMPLATE = '{tenantid}';
const TEMPLATED_SEGMENTS = new Set(['common', 'organizations']);

/** The tenant id (or template) a discovery path stands for, and the segment its endpoints use. */
function discoveryTenant(
  context: EmulatorContext,
  segment: string,
): { issuerTenant: string; endpointTenant: string } {
  if (TEMPLATED_SEGMENTS.has(segment.toLowerCase())) {
    return { issuerTenant: TENANT_ID_TEMPLATE, endpointTenant: segment.toLowerCase() };
  }
  const tenant = context.directory.findTenant(segment);
  if (!tenant) throw entraErrors.unknownTenant(segment);
  // Entra answers a domain-name path with the tenant's GUID in every endpoint.
  return { issuerTenant: tenant.id, endpointTenant: tenant.id };
}

const SHARED_FIELDS = {
  response_modes_supported: ['query', 'fragment', 'form_post'],
  subject_types_supported: ['pairwise'],
  id_token_signing_alg_values_supported: ['RS256'],
  response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
  token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
  request_uri_parameter_supported: false,
  http_logout_supported: true,
  frontchannel_logout_supported: true,
  tenant_region_scope: 'WW',
  cloud_instance_name: 'localhost',
  cloud_graph_host_name: 'graph.windows.net',
  msgraph_host: 'graph.microsoft.com',
};

/** GET /{tenant}/v2.0/.well-known/openid-configuration */
export function v2Discovery(context: EmulatorContext, segment: string): Record<string, unknown> {
  const { issuerTenant, endpointTenant } = discoveryTenant(context, segment);
  const authority = context.urls.authority(endpointTenant);
  return {
    ...SHARED_FIELDS,
    token_endpoint: context.urls.tokenEndpoint(endpointTenant, '2.0'),
    jwks_uri: context.urls.jwksUri(endpointTenant, '2.0'),
    issuer: context.urls.issuer(issuerTenant, '2.0'),
    authorization_endpoint: `${authority}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${authority}/oauth2/v2.0/logout`,
    userinfo_endpoint: `${context.urls.base}/oidc/userinfo`,
    kerberos_endpoint: `${authority}/kerberos`,
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'at_hash',
      'c_hash',
      'email',
    ],
  };
}

/** GET /{tenant}/.well-known/openid-configuration (v1 shape: `resource`-based endpoints, v1 issuer). */
export function v1Discovery(context: EmulatorContext, segment: string): Record<string, unknown> {
  const { issuerTenant, endpointTenant } = discoveryTenant(context, segment);
  const authority = context.urls.authority(endpointTenant);
  return {
    ...SHARED_FIELDS,
    token_endpoint: context.urls.tokenEndpoint(endpointTenant, '1.0'),
    jwks_uri: context.urls.jwksUri(endpointTenant, '1.0'),
    issuer: context.urls.issuer(issuerTenant, '1.0'),
    authorization_endpoint: `${authority}/oauth2/authorize`,
    device_authorization_endpoint: `${authority}/oauth2/devicecode`,
    end_session_endpoint: `${authority}/oauth2/logout`,
    userinfo_endpoint: `${context.urls.base}/${endpointTenant}/openid/userinfo`,
    scopes_supported: ['openid'],
    claims_supported: [
      'sub',
      'iss',
      'cloud_instance_name',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'acr',
      'amr',
      'nonce',
      'email',
      'given_name',
      'family_name',
      'nickname',
    ],
  };
}

/** GET /{tenant}/discovery/v2.0/keys and /{tenant}/discovery/keys: the same published keys. */
export function jwks(
  context: EmulatorContext,
  segment: string,
  version: '1.0' | '2.0',
): Record<string, unknown> {
  const { issuerTenant } = discoveryTenant(context, segment);
  const issuer = version === '2.0' ? { issuer: context.urls.issuer(issuerTenant, '2.0') } : {};
  return { keys: context.keyRing.all().map((key) => ({ ...key.publicJwk, ...issuer })) };
}
