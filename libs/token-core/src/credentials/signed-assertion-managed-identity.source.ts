import type { CredentialDescription } from '@app/config';
import type { ManagedIdentityClients } from '../acquisition/msal/managed-identity-clients';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

const DEFAULT_TOKEN_EXCHANGE_URL = 'api://AzureADTokenExchange';

/**
 * `SourceType: SignedAssertionFromManagedIdentity` (spec B.2): a managed-identity token for
 * `<TokenExchangeUrl>/.default` is the client assertion (federated identity credential on the app).
 * Asked for per assertion; msal's managed-identity cache keeps it until it nears expiry.
 */
export class SignedAssertionFromManagedIdentitySource extends ClientCredentialSource {
  readonly sourceType = 'SignedAssertionFromManagedIdentity';

  constructor(
    private readonly description: CredentialDescription,
    private readonly identities: ManagedIdentityClients,
  ) {
    super();
  }

  async load(): Promise<ClientCredential> {
    const assertion = () => this.assertion();
    await assertion();
    return { kind: 'assertion', clientAssertion: assertion };
  }

  private async assertion(): Promise<string> {
    const resource = (this.description.tokenExchangeUrl ?? DEFAULT_TOKEN_EXCHANGE_URL).replace(
      /\/\.default$/i,
      '',
    );
    const result = await this.identities.token(resource, this.description.managedIdentityClientId);
    return result.accessToken;
  }
}
