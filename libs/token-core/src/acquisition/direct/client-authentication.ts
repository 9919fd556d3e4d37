import type { ClientCredential } from '../../credentials/client-credential';
import { certificateAssertion } from './certificate-assertion';

/** RFC 7523 §2.2: the `client_assertion_type` of a JWT client assertion. */
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** Where the client authenticates: the assertion's audience and the callback's context. */
export interface AuthenticationTarget {
  readonly clientId: string;
  readonly tokenEndpoint: string;
  /** Passed to an assertion callback, as msal-node does. */
  readonly fmiPath?: string;
  /** `AzureAd:SendX5C`: a certificate assertion carries the certificate. */
  readonly sendX5C: boolean;
}

/**
 * The form fields that authenticate the sidecar with its loaded credential, the same ways msal-node does: a
 * client secret; a certificate assertion signed here; or an assertion from the credential's callback (a
 * federated token file, a managed identity's token), called with the client id and token endpoint.
 */
export async function clientAuthentication(
  credential: ClientCredential,
  target: AuthenticationTarget,
): Promise<Record<string, string>> {
  switch (credential.kind) {
    case 'secret':
      return { client_secret: credential.clientSecret };
    case 'certificate':
      return {
        client_assertion_type: JWT_BEARER,
        client_assertion: await certificateAssertion({
          clientId: target.clientId,
          tokenEndpoint: target.tokenEndpoint,
          thumbprintSha256: credential.thumbprintSha256,
          privateKey: credential.privateKey,
          certificatePem: target.sendX5C ? credential.certificatePem : undefined,
        }),
      };
    case 'assertion':
      return {
        client_assertion_type: JWT_BEARER,
        client_assertion: await credential.clientAssertion({
          clientId: target.clientId,
          tokenEndpoint: target.tokenEndpoint,
          ...(target.fmiPath === undefined ? {} : { fmiPath: target.fmiPath }),
        }),
      };
  }
}
