import { createLocalJWKSet, decodeJwt, errors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { FederatedCredentialConfig } from '../config/config.schema';
import { TOKEN_EXCHANGE_RESOURCE, type DirectoryClient } from '../config/directory';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import { verifyEmulatorToken, type VerifiedToken } from '../tokens/token-verifier';
import type { AuthenticatedClient } from './authenticated-client';

const EMULATOR_ISSUER = 'emulator';

function audienceList(payload: JWTPayload): string[] {
  return Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
}

function throwForRejection(verified: Extract<VerifiedToken, { valid: false }>): never {
  if (verified.reason === 'expired' || verified.reason === 'not-yet-valid')
    throw entraErrors.assertionTimeRange();
  throw entraErrors.invalidFederatedAssertion(`The assertion could not be validated (${verified.reason}).`);
}

/**
 * Spec E.3: an agent identity authenticates with T1, the blueprint's exchange token issued with
 * `fmi_path=<agent>` — emulator-signed, `aud` = api://AzureADTokenExchange, `sub` = the agent, issued to its blueprint.
 */
async function authenticateAgent(
  context: EmulatorContext,
  client: DirectoryClient,
  assertion: string,
): Promise<AuthenticatedClient> {
  const verified = await verifyEmulatorToken(assertion, context.keyRing, context.urls);
  if (!verified.valid) throwForRejection(verified);
  const { payload } = verified;
  const issuedTo = payload.azp ?? payload.appid;
  const matches =
    audienceList(payload).includes(TOKEN_EXCHANGE_RESOURCE) &&
    payload.sub === client.clientId &&
    issuedTo === client.blueprint?.clientId;
  if (!matches) throw entraErrors.noMatchingFederatedCredential();
  return { client, method: 'agent-federated', authMethodClaim: '2' };
}

function credentialMatches(
  credential: FederatedCredentialConfig,
  payload: JWTPayload,
  isEmulatorIssuer: boolean,
): boolean {
  const issuerMatches =
    credential.issuer === EMULATOR_ISSUER ? isEmulatorIssuer : credential.issuer === payload.iss;
  return (
    issuerMatches &&
    credential.subject === payload.sub &&
    audienceList(payload).some((audience) => credential.audiences.includes(audience))
  );
}

async function verifyExternal(assertion: string, jwks: JSONWebKeySet): Promise<void> {
  try {
    await jwtVerify(assertion, createLocalJWKSet(jwks), { clockTolerance: 300 });
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw entraErrors.assertionTimeRange();
    throw entraErrors.invalidFederatedAssertion('The signature of the assertion is invalid.');
  }
}

/** A federated credential of an app registration (workload identity): issuer + subject + audience, then signature. */
async function authenticateApplication(
  context: EmulatorContext,
  client: DirectoryClient,
  assertion: string,
): Promise<AuthenticatedClient> {
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(assertion);
  } catch {
    throw entraErrors.malformedAssertion();
  }
  const isEmulatorIssuer =
    typeof unverified.iss === 'string' && context.urls.parseIssuer(unverified.iss) !== undefined;
  const credential = client.application?.federatedCredentials.find((candidate) =>
    credentialMatches(candidate, unverified, isEmulatorIssuer),
  );
  if (!credential) throw entraErrors.noMatchingFederatedCredential();
  if (credential.issuer === EMULATOR_ISSUER || (isEmulatorIssuer && !credential.jwks)) {
    const verified = await verifyEmulatorToken(assertion, context.keyRing, context.urls);
    if (!verified.valid) throwForRejection(verified);
  } else if (credential.jwks) {
    await verifyExternal(assertion, credential.jwks);
  } else {
    throw entraErrors.invalidFederatedAssertion('No keys are configured for the issuer.');
  }
  return { client, method: 'federated', authMethodClaim: '2' };
}

/** A `client_assertion` that is not certificate-signed: an agent's T1, or a workload-identity token. */
export function authenticateWithFederatedAssertion(
  context: EmulatorContext,
  client: DirectoryClient,
  assertion: string,
): Promise<AuthenticatedClient> {
  return client.kind === 'agent'
    ? authenticateAgent(context, client, assertion)
    : authenticateApplication(context, client, assertion);
}
