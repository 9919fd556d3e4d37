import type { AzureAdSettings } from '@app/config';
import type { NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { basicSourceFactory, CredentialLoader } from '../credentials/credential-loader';
import { ClientCredentialsAcquirer } from './client-credentials.acquirer';
import { MsalClientFactory } from './msal/msal-client.factory';
import { TimeoutNetworkClient } from './msal/timeout-network-client';
import type { TokenRequest } from './token-request';

const INSTANCE = 'https://login.contoso.test/';
const TENANT = '7a1d4b52-3c8e-4f0a-9b6d-2e5f8c1a4d37';

/** The network edge: answers the authority's discovery and token requests, and records where they went. */
class RecordingNetwork extends TimeoutNetworkClient {
  readonly posts: string[] = [];

  constructor() {
    super(5_000);
  }

  override sendGetRequestAsync<T>(url: string): Promise<NetworkResponse<T>> {
    const base = `${INSTANCE}${TENANT}`;
    const metadata = {
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      end_session_endpoint: `${base}/oauth2/v2.0/logout`,
      jwks_uri: `${INSTANCE}${TENANT}/discovery/v2.0/keys`,
    };
    expect(url).toContain('/.well-known/openid-configuration');
    return Promise.resolve({ headers: {}, body: metadata as T, status: 200 });
  }

  override sendPostRequestAsync<T>(
    url: string,
    _options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    this.posts.push(url);
    const token = { token_type: 'Bearer', access_token: 'app-token', expires_in: 3600, ext_expires_in: 3600 };
    return Promise.resolve({ headers: {}, body: token as T, status: 200 });
  }
}

function acquirerFor(azureRegion: string | undefined): {
  acquirer: ClientCredentialsAcquirer;
  network: RecordingNetwork;
} {
  const azureAd = {
    instance: INSTANCE,
    tenantId: TENANT,
    clientId: 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58',
    clientCapabilities: [],
    azureRegion,
  } as Partial<AzureAdSettings> as AzureAdSettings;
  const credentials = new CredentialLoader(
    [{ sourceType: 'ClientSecret', clientSecret: 'not-a-real-secret', skip: false }],
    [basicSourceFactory(undefined)],
    pino({ level: 'silent' }),
  );
  const network = new RecordingNetwork();
  const acquirer = new ClientCredentialsAcquirer(
    new MsalClientFactory(azureAd, credentials, network),
    azureRegion,
  );
  return { acquirer, network };
}

const REQUEST: TokenRequest = {
  flow: 'client_credentials',
  scopes: ['api://demo-downstream/.default'],
  tenant: TENANT,
  forceRefresh: false,
  extraQueryParameters: {},
};

describe('ClientCredentialsAcquirer and AzureAd:AzureRegion', () => {
  it('should send the token request to the global endpoint without a region', async () => {
    // Arrange
    const { acquirer, network } = acquirerFor(undefined);

    // Act
    const token = await acquirer.acquire(REQUEST);

    // Assert
    expect(token.accessToken).toBe('app-token');
    expect(network.posts.map((url) => new URL(url).host)).toEqual(['login.contoso.test']);
  });

  it('should send the token request to the regional endpoint of the configured region', async () => {
    // Arrange
    const { acquirer, network } = acquirerFor('westus2');

    // Act
    const token = await acquirer.acquire(REQUEST);

    // Assert
    expect(token.accessToken).toBe('app-token');
    expect(network.posts.map((url) => new URL(url).host)).toEqual(['westus2.login.contoso.test']);
  });
});
