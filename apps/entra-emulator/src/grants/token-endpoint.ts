import { authenticateClient } from '../client-auth/authenticate-client';
import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import { clientCredentialsGrant } from './client-credentials.grant';
import { onBehalfOfGrant } from './on-behalf-of.grant';
import { refreshTokenGrant } from './refresh-token.grant';
import { GRANT_TYPES, type TokenRequest } from './token-request';
import { userFicGrant } from './user-fic.grant';

type GrantHandler = (
  context: EmulatorContext,
  request: TokenRequest,
  auth: AuthenticatedClient,
) => Promise<Record<string, unknown>>;

const GRANTS: Readonly<Record<string, GrantHandler>> = {
  [GRANT_TYPES.clientCredentials]: clientCredentialsGrant,
  [GRANT_TYPES.jwtBearer]: onBehalfOfGrant,
  [GRANT_TYPES.refreshToken]: refreshTokenGrant,
  [GRANT_TYPES.userFic]: userFicGrant,
};

const MULTI_TENANT_SEGMENTS = new Set(['common', 'organizations']);

/** The tenant a request runs in: the path's tenant, or for `common`/`organizations` the client's home tenant. */
export function resolveRequestTenant(
  context: EmulatorContext,
  segment: string,
  clientId: string | undefined,
): string {
  const tenant = context.directory.findTenant(segment);
  if (tenant) return tenant.id;
  if (!MULTI_TENANT_SEGMENTS.has(segment.toLowerCase())) throw entraErrors.unknownTenant(segment);
  if (!clientId) throw entraErrors.missingParameter('client_id');
  const client = context.directory.findClient(clientId);
  if (!client) throw entraErrors.unknownClient(clientId, segment);
  if (!client.multiTenant) throw entraErrors.tenantRequired(clientId);
  return client.homeTenantId;
}

/** POST /{tenant}/oauth2/v2.0/token: tenant, grant type, client authentication, then the grant. */
export async function handleTokenRequest(
  context: EmulatorContext,
  tenantSegment: string,
  form: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
): Promise<Record<string, unknown>> {
  const tenantId = resolveRequestTenant(context, tenantSegment, form.client_id);
  const grantType = form.grant_type;
  if (!grantType) throw entraErrors.missingParameter('grant_type');
  const grant = GRANTS[grantType];
  if (!grant) throw entraErrors.unsupportedGrant(grantType);
  const request: TokenRequest = { tenantSegment, tenantId, form, headers };
  const auth = await authenticateClient(context, request);
  return grant(context, request, auth);
}
