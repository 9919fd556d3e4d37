import type { CredentialDescription } from '@app/config';
import type { ManagedIdentityClients } from '../acquisition/msal/managed-identity-clients';
import { type FetchedAnswer, fetchWithin } from '@app/http';
import { parseCertificate } from './certificate-parser';
import { type ClientCredential, ClientCredentialSource } from './client-credential';

const API_VERSION = '7.4';
const DEFAULT_RESOURCE = 'https://vault.azure.net';
// Key Vault's resource in each cloud: a challenge may only name one of these, never an arbitrary audience.
const VAULT_RESOURCE = /^https:\/\/vault\.(azure\.net|usgovcloudapi\.net|azure\.cn)$/i;

/**
 * `SourceType: KeyVault` (spec B.2): the certificate with its private key, read as the certificate's secret
 * through the Key Vault REST API with a managed-identity token (the challenge flow of the Azure SDK).
 */
export class KeyVaultSource extends ClientCredentialSource {
  readonly sourceType = 'KeyVault';

  constructor(
    private readonly description: CredentialDescription,
    private readonly identities: ManagedIdentityClients,
    private readonly timeoutMs: number,
  ) {
    super();
  }

  async load(): Promise<ClientCredential> {
    const url = new URL(
      `secrets/${encodeURIComponent(this.description.keyVaultCertificateName ?? '')}`,
      withSlash(this.description.keyVaultUrl ?? ''),
    );
    url.searchParams.set('api-version', API_VERSION);
    const challenge = await this.get(url);
    if (challenge.status !== 401)
      throw new Error(`Key Vault answered ${challenge.status} without a challenge.`);
    const resource = challengeResource(challenge.headers['www-authenticate'] ?? '');
    const token = await this.identities.token(resource, this.description.managedIdentityClientId);
    const answer = await this.get(url, token.accessToken);
    if (answer.status !== 200) throw new Error(`Key Vault answered ${answer.status} for the certificate.`);
    const secret = JSON.parse(answer.text) as { value?: string; contentType?: string };
    if (typeof secret.value !== 'string') throw new Error('The Key Vault secret has no value.');
    const bytes =
      secret.contentType === 'application/x-pem-file'
        ? Buffer.from(secret.value, 'utf8')
        : Buffer.from(secret.value, 'base64');
    return parseCertificate(bytes, undefined);
  }

  private get(url: URL, accessToken?: string): Promise<FetchedAnswer> {
    const headers: Record<string, string> =
      accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` };
    return fetchWithin(url, { headers }, { timeoutMs: this.timeoutMs, redirect: 'manual' });
  }
}

const withSlash = (url: string): string => (url.endsWith('/') ? url : `${url}/`);

function challengeResource(header: string): string {
  const resource =
    /resource="([^"]+)"/i.exec(header)?.[1] ??
    /scope="([^"]+)"/i.exec(header)?.[1]?.replace(/\/\.default$/i, '');
  return resource !== undefined && VAULT_RESOURCE.test(resource) ? resource : DEFAULT_RESOURCE;
}
