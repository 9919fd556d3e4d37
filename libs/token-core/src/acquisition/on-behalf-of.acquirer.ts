import type { MsalClientFactory } from './msal/msal-client.factory';
import { onBehalfOfRequest } from './msal/on-behalf-of-request';
import { toAcquiredToken } from './msal/msal-result';
import { type AcquiredToken, TokenAcquirer, type TokenRequest } from './token-request';

/** Spec F.1: on-behalf-of with the validated inbound token as the assertion. */
export class OnBehalfOfAcquirer extends TokenAcquirer {
  readonly flow = 'on_behalf_of';

  constructor(private readonly clients: MsalClientFactory) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    const oboRequest = onBehalfOfRequest(request, 'OBO');
    const client = await this.clients.userClient(request.tenant);
    return toAcquiredToken(await client.acquireTokenOnBehalfOf(oboRequest));
  }
}
