import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import { issueUserTokens } from './issue-user-tokens';
import { resolveDelegatedScopes } from './requested-scopes';
import type { TokenRequest } from './token-request';

/** refresh_token: an emulator-issued refresh token of this client, unexpired; answers with a new pair. */
export async function refreshTokenGrant(
  context: EmulatorContext,
  request: TokenRequest,
  auth: AuthenticatedClient,
): Promise<Record<string, unknown>> {
  const token = request.form.refresh_token;
  if (!token) throw entraErrors.missingParameter('refresh_token');
  const grant = context.refreshTokens.find(token);
  if (!grant || grant.clientId !== auth.client.clientId) throw entraErrors.invalidRefreshToken();
  if (grant.expiresAt <= context.now()) throw entraErrors.expiredRefreshToken();
  const scopeParameter = request.form.scope || grant.scopes.join(' ');
  const scopes = resolveDelegatedScopes(context.directory, scopeParameter, request.tenantSegment);
  return issueUserTokens(context, {
    tenantId: grant.tenantId,
    auth,
    user: grant.user,
    scopes,
    form: request.form,
    extraClaims: grant.extraClaims,
    alwaysRefreshToken: true,
  });
}
