import {
  type AcquiredToken,
  PopTokenAcquirer,
  TokenEndpointClient,
  type TokenRequest,
} from '@app/token-core';
import { Injectable } from '@nestjs/common';

/**
 * Spec F.5: the client-credentials grant with `token_type=pop` and `req_cnf` = the caller's `PopPublicKey`,
 * unchanged, so Entra binds the token to the caller's key (its `cnf` claim). The caller signs its requests
 * with the private key; the sidecar only ever holds the public one. Sent directly, since msal-node would
 * drop `req_cnf` and return a Bearer token.
 */
@Injectable()
export class ClientCredentialsPopAcquirer extends PopTokenAcquirer {
  constructor(private readonly tokenEndpoint: TokenEndpointClient) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    if (request.popPublicKey === undefined) throw new Error('A PoP token request without a PopPublicKey.');
    const token = await this.tokenEndpoint.acquire({
      tenant: request.tenant,
      fields: {
        grant_type: 'client_credentials',
        scope: request.scopes.join(' '),
        token_type: 'pop',
        req_cnf: request.popPublicKey,
      },
      claims: request.claims,
      fmiPath: request.fmiPath,
      correlationId: request.correlationId,
      extraQueryParameters: request.extraQueryParameters,
    });
    // An authority that ignored token_type would hand back a token bound to nothing; serving it as if it were
    // bound would hide that from the caller, so it is a failure (500) instead.
    if (token.tokenType.toLowerCase() !== 'pop') {
      throw new Error(
        `A pop token was requested; the token endpoint answered token_type '${token.tokenType}'.`,
      );
    }
    return token;
  }
}
