import { decodeJwt, decodeProtectedHeader, type ProtectedHeaderParameters } from 'jose';
import type { EmulatorContext } from '../emulator-context';
import { entraErrors } from '../http/entra-error';
import type { TokenRequest } from '../grants/token-request';
import type { EmulatorUrls } from '../tokens/emulator-urls';
import { CLIENT_ASSERTION_TYPE_JWT_BEARER, type AuthenticatedClient } from './authenticated-client';
import { authenticateWithCertificate } from './certificate-assertion';
import { authenticateWithSecret } from './client-secret';
import { authenticateWithFederatedAssertion } from './federated-assertion';

function decodeAssertion(assertion: string): { header: ProtectedHeaderParameters; issuer: unknown } {
  try {
    return { header: decodeProtectedHeader(assertion), issuer: decodeJwt(assertion).iss };
  } catch {
    throw entraErrors.malformedAssertion();
  }
}

/**
 * The token endpoint URLs a certificate assertion may name as `aud`, for every alias of the tenant. On a regional
 * host also that host's endpoint, as msal-node names it there (with a trailing `/`) when `AzureRegion` is set.
 */
function acceptedAudiences(context: EmulatorContext, request: TokenRequest): string[] {
  const tenant = context.directory.findTenant(request.tenantId);
  const segments = [
    ...new Set([
      request.tenantSegment,
      request.tenantId,
      ...(tenant ? [tenant.name, ...tenant.domains] : []),
    ]),
  ];
  const endpoints = (urls: EmulatorUrls): string[] =>
    segments.flatMap((segment) => [urls.tokenEndpoint(segment, '2.0'), urls.tokenEndpoint(segment, '1.0')]);
  const regional = context.urls.regional(request.headers.host);
  const regionalEndpoints = regional ? endpoints(regional).flatMap((url) => [url, `${url}/`]) : [];
  return [...endpoints(context.urls), ...regionalEndpoints];
}

/** Identifies and authenticates the client of a token request (secret, certificate or federated assertion). */
export async function authenticateClient(
  context: EmulatorContext,
  request: TokenRequest,
): Promise<AuthenticatedClient> {
  const clientId = request.form.client_id;
  if (!clientId) throw entraErrors.missingParameter('client_id');
  const client = context.directory.findClient(clientId, request.tenantId);
  if (!client) throw entraErrors.unknownClient(clientId, request.tenantId);

  const {
    client_secret: secret,
    client_assertion: assertion,
    client_assertion_type: assertionType,
  } = request.form;
  if (secret) return authenticateWithSecret(client, secret);
  if (!assertion) throw entraErrors.missingCredential();
  if (assertionType !== CLIENT_ASSERTION_TYPE_JWT_BEARER) {
    throw entraErrors.invalidRequest(`The client_assertion_type '${assertionType ?? ''}' is not supported.`);
  }
  const { header, issuer } = decodeAssertion(assertion);
  // A client signs its own certificate assertion (iss = client id); federated tokens come from another issuer.
  if (issuer === client.clientId) {
    return authenticateWithCertificate(client, assertion, header, acceptedAudiences(context, request));
  }
  return authenticateWithFederatedAssertion(context, client, assertion);
}
