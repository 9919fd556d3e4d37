import type { CredentialDescription } from '@app/config';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

/** `SourceType: ClientSecret` (development only, per the reference docs). */
export class ClientSecretSource extends ClientCredentialSource {
  readonly sourceType = 'ClientSecret';

  constructor(private readonly description: CredentialDescription) {
    super();
  }

  load(): Promise<ClientCredential> {
    const secret = this.description.clientSecret;
    if (!secret) return Promise.reject(new Error('ClientSecret is empty.'));
    return Promise.resolve({ kind: 'secret', clientSecret: secret });
  }
}
