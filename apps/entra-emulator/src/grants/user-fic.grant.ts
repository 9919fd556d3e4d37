import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import { TOKEN_EXCHANGE_RESOURCE, type DirectoryUser } from '../config/directory';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import { verifyEmulatorToken } from '../tokens/token-verifier';
import { AGENT_USER_SUBJECT_FACETS, agentClaims } from './agent-claims';
import { issueUserTokens } from './issue-user-tokens';
import { resolveDelegatedScopes } from './requested-scopes';
import type { TokenRequest } from './token-request';

/** T2: the agent's own exchange token (client_credentials for api://AzureADTokenExchange as the agent). */
async function verifyUserFederatedCredential(
  context: EmulatorContext,
  agentId: string,
  credential: string | undefined,
): Promise<void> {
  if (!credential) throw entraErrors.missingParameter('user_federated_identity_credential');
  const verified = await verifyEmulatorToken(credential, context.keyRing, context.urls);
  if (!verified.valid) {
    if (verified.reason === 'expired' || verified.reason === 'not-yet-valid')
      throw entraErrors.expiredAssertion();
    throw entraErrors.invalidAssertion(
      `The user federated identity credential is invalid (${verified.reason}).`,
    );
  }
  const { payload } = verified;
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(TOKEN_EXCHANGE_RESOURCE) || payload.sub !== agentId || payload.azp !== agentId) {
    throw entraErrors.invalidAssertion(
      'The user federated identity credential was not issued to this agent identity.',
    );
  }
}

function findAgentUser(
  context: EmulatorContext,
  agentId: string,
  form: TokenRequest['form'],
  tenantId: string,
): DirectoryUser {
  const reference = form.username || form.user_id;
  if (!reference) throw entraErrors.missingParameter('username');
  const user = context.directory.findUser(reference);
  if (!user || user.agentId !== agentId) throw entraErrors.unknownUser(tenantId);
  return user;
}

/**
 * user_fic (spec E.4): an agent identity authenticated with T1 presents T2 and names one of its agent users by
 * `username` (UPN) or `user_id` (oid); the answer is that user's delegated token with agent facets.
 */
export async function userFicGrant(
  context: EmulatorContext,
  request: TokenRequest,
  auth: AuthenticatedClient,
): Promise<Record<string, unknown>> {
  if (auth.client.kind !== 'agent') {
    throw entraErrors.invalidRequest('The user_fic grant is only available to agent identities.');
  }
  await verifyUserFederatedCredential(
    context,
    auth.client.clientId,
    request.form.user_federated_identity_credential,
  );
  const user = findAgentUser(context, auth.client.clientId, request.form, request.tenantId);
  const scopes = resolveDelegatedScopes(context.directory, request.form.scope, request.tenantSegment);
  return issueUserTokens(context, {
    tenantId: request.tenantId,
    auth,
    user,
    scopes,
    form: request.form,
    extraClaims: { ...agentClaims(auth.client), xms_sub_fct: AGENT_USER_SUBJECT_FACETS },
  });
}
