import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import { grantedRoles } from '../config/resources';
import type { EmulatorContext } from '../emulator-context';
import { agentClaims } from './agent-claims';
import { confirmationClaim } from './proof-of-possession';
import { resolveAppScope } from './requested-scopes';
import { tokenResponseBody, type TokenRequest } from './token-request';

/**
 * client_credentials: an app-only token for `<resource>/.default`, `roles` = the app roles granted to the client.
 * `fmi_path` replaces `sub` (agent blueprints get T1 for an agent this way); `token_type=pop` binds the token.
 */
export async function clientCredentialsGrant(
  context: EmulatorContext,
  request: TokenRequest,
  auth: AuthenticatedClient,
): Promise<Record<string, unknown>> {
  const resource = resolveAppScope(context.directory, request.form.scope, request.tenantSegment);
  const cnf = confirmationClaim(request.form);
  const roles = resource.isTokenExchange
    ? []
    : grantedRoles(context.directory, auth.client.permissions, resource);
  const issued = await context.tokens.accessToken({
    tenantId: request.tenantId,
    resource,
    clientId: auth.client.clientId,
    clientObjectId: auth.client.objectId,
    clientAuthMethod: auth.authMethodClaim,
    roles,
    subject: request.form.fmi_path || undefined,
    extraClaims: { ...agentClaims(auth.client), ...(cnf ? { cnf } : {}) },
  });
  return tokenResponseBody({
    accessToken: issued.token,
    expiresIn: issued.expiresIn,
    tokenType: cnf ? 'pop' : 'Bearer',
  });
}
