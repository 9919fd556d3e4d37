import type { DirectoryClient } from '../config/directory';

/** How a client proved its identity. */
export type ClientAuthenticationMethod = 'secret' | 'certificate' | 'federated' | 'agent-federated';

export interface AuthenticatedClient {
  readonly client: DirectoryClient;
  readonly method: ClientAuthenticationMethod;
  /** `azpacr`/`appidacr`: 1 for a secret, 2 for a certificate or federated assertion. */
  readonly authMethodClaim: '1' | '2';
}

export const CLIENT_ASSERTION_TYPE_JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
