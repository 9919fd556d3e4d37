import type { MsalClientFactory } from './msal/msal-client.factory';
import { toAcquiredToken, withExtraQuery } from './msal/msal-result';
import { type AcquiredToken, TokenAcquirer, type TokenRequest } from './token-request';

/** Spec F.1: on-behalf-of with the validated inbound token as the assertion. */
export class OnBehalfOfAcquirer extends TokenAcquirer {
  readonly flow = 'on_behalf_of';

  constructor(private readonly clients: MsalClientFactory) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    if (request.assertion === undefined) throw new Error('The OBO flow needs an assertion.');
    const client = await this.clients.userClient(request.tenant);
    const result = await client.acquireTokenOnBehalfOf(
      withExtraQuery(
        {
          oboAssertion: request.assertion,
          scopes: [...request.scopes],
          skipCache: request.forceRefresh,
          claims: request.claims,
          correlationId: request.correlationId,
        },
        request.extraQueryParameters,
      ),
    );
    return toAcquiredToken(result);
  }
}
