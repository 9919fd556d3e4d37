import type { TokenEndpointClient, TokenEndpointRequest, TokenRequest } from '@app/token-core';
import { describe, expect, it } from 'vitest';
import { ClientCredentialsPopAcquirer } from './client-credentials-pop.acquirer';

const KEY = Buffer.from(JSON.stringify({ kid: 'caller-key' })).toString('base64url');
const REQUEST: TokenRequest = {
  flow: 'client_credentials_pop',
  scopes: ['api://demo/.default'],
  tenant: 'tenant-1',
  claims: '{"access_token":{}}',
  correlationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  forceRefresh: false,
  fmiPath: 'agents/a1',
  popPublicKey: KEY,
  extraQueryParameters: { dc: 'x' },
};

/** A token endpoint that records what it was asked and answers with `tokenType`. */
function endpointAnswering(tokenType: string) {
  const sent: TokenEndpointRequest[] = [];
  const endpoint = {
    acquire: (request: TokenEndpointRequest) => {
      sent.push(request);
      return Promise.resolve({
        accessToken: 'eyJ.bound',
        tokenType,
        expiresOn: new Date(Date.now() + 3_600_000),
      });
    },
  } as Partial<TokenEndpointClient> as TokenEndpointClient;
  return { endpoint, sent };
}

describe('ClientCredentialsPopAcquirer', () => {
  it('should ask for a pop token bound to the PopPublicKey as given, with the request options', async () => {
    // Arrange
    const { endpoint, sent } = endpointAnswering('pop');

    // Act
    const token = await new ClientCredentialsPopAcquirer(endpoint).acquire(REQUEST);

    // Assert
    expect(token).toMatchObject({ accessToken: 'eyJ.bound', tokenType: 'pop' });
    expect(sent).toEqual([
      {
        tenant: 'tenant-1',
        fields: {
          grant_type: 'client_credentials',
          scope: 'api://demo/.default',
          token_type: 'pop',
          req_cnf: KEY,
        },
        claims: REQUEST.claims,
        fmiPath: 'agents/a1',
        correlationId: REQUEST.correlationId,
        extraQueryParameters: { dc: 'x' },
      },
    ]);
  });

  it('should keep the token type exactly as the authority wrote it', async () => {
    // Act
    const token = await new ClientCredentialsPopAcquirer(endpointAnswering('PoP').endpoint).acquire(REQUEST);

    // Assert
    expect(token.tokenType).toBe('PoP');
  });

  it('should refuse a Bearer token in place of a bound one', async () => {
    // Act
    const failure = new ClientCredentialsPopAcquirer(endpointAnswering('Bearer').endpoint).acquire(REQUEST);

    // Assert
    await expect(failure).rejects.toThrow("the token endpoint answered token_type 'Bearer'");
  });
});
