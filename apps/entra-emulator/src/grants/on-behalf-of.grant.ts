import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import type { DirectoryClient, DirectoryUser } from '../config/directory';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import { verifyEmulatorToken } from '../tokens/token-verifier';
import { agentClaims } from './agent-claims';
import { issueUserTokens } from './issue-user-tokens';
import { resolveDelegatedScopes } from './requested-scopes';
import type { TokenRequest } from './token-request';

/** Audiences under which a client may present an incoming token: its client id and identifier URIs. */
function audiencesOf(client: DirectoryClient): string[] {
  const own = [client.clientId, `api://${client.clientId}`, ...(client.application?.identifierUris ?? [])];
  // Spec E.5: an agent performs OBO with the user token that was issued to its blueprint.
  const blueprint = client.blueprint
    ? [client.blueprint.clientId, `api://${client.blueprint.clientId}`, ...client.blueprint.identifierUris]
    : [];
  return [...own, ...blueprint].map((audience) => audience.toLowerCase());
}

function userFromClaims(context: EmulatorContext, payload: Record<string, unknown>): DirectoryUser {
  const oid = String(payload.oid);
  const known = context.directory.findUser(oid);
  const upn = payload.preferred_username ?? payload.upn ?? payload.unique_name;
  return {
    name: known?.name ?? oid,
    oid,
    upn: typeof upn === 'string' ? upn : (known?.upn ?? ''),
    tenantId: typeof payload.tid === 'string' ? payload.tid : (known?.tenantId ?? ''),
    displayName: typeof payload.name === 'string' ? payload.name : known?.displayName,
    givenName: known?.givenName,
    familyName: known?.familyName,
  };
}

/**
 * jwt-bearer + requested_token_use=on_behalf_of: the assertion must be an emulator-issued, unexpired user token
 * whose `aud` is the requesting client; the answer is a delegated token for the target resource.
 */
export async function onBehalfOfGrant(
  context: EmulatorContext,
  request: TokenRequest,
  auth: AuthenticatedClient,
): Promise<Record<string, unknown>> {
  const { assertion, requested_token_use: requestedUse } = request.form;
  if (requestedUse !== 'on_behalf_of') throw entraErrors.missingParameter('requested_token_use');
  if (!assertion) throw entraErrors.missingParameter('assertion');
  const verified = await verifyEmulatorToken(assertion, context.keyRing, context.urls);
  if (!verified.valid) {
    if (verified.reason === 'expired' || verified.reason === 'not-yet-valid')
      throw entraErrors.expiredAssertion();
    throw entraErrors.invalidAssertion(`The assertion could not be validated (${verified.reason}).`);
  }
  const { payload } = verified;
  const audiences = (Array.isArray(payload.aud) ? payload.aud : [payload.aud ?? '']).map((a) =>
    a.toLowerCase(),
  );
  if (!audiences.some((audience) => audiencesOf(auth.client).includes(audience))) {
    throw entraErrors.invalidAssertion(
      'Assertion audience does not match the Client app presenting the assertion.',
    );
  }
  if (payload.idtyp === 'app' || typeof payload.oid !== 'string' || payload.scp === undefined) {
    throw entraErrors.invalidAssertion('The assertion is not a user token.');
  }
  const scopes = resolveDelegatedScopes(context.directory, request.form.scope, request.tenantSegment);
  return issueUserTokens(context, {
    tenantId: request.tenantId,
    auth,
    user: userFromClaims(context, payload),
    scopes,
    form: request.form,
    extraClaims: agentClaims(auth.client),
  });
}
