import type { MsalClientFactory } from './msal/msal-client.factory';
import { clientCredentialRequest } from './msal/client-credential-request';
import { toAcquiredToken } from './msal/msal-result';
import { type AcquiredToken, TokenAcquirer, type TokenRequest } from './token-request';

/**
 * Spec F.2: `client_credentials` with the sidecar's credential; one `/.default` scope, optional `fmi_path`.
 * `AzureAd:AzureRegion` sends it to the regional token endpoint (ESTS-R), which Entra offers for this flow
 * only; msal-node builds the regional host.
 */
export class ClientCredentialsAcquirer extends TokenAcquirer {
  readonly flow = 'client_credentials';

  constructor(
    private readonly clients: MsalClientFactory,
    private readonly azureRegion?: string,
  ) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    const client = await this.clients.appClient(request.tenant);
    const result = await client.acquireTokenByClientCredential(
      clientCredentialRequest(request, this.azureRegion),
    );
    return toAcquiredToken(result);
  }
}
