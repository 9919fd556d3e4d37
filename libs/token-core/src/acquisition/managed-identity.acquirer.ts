import type { ManagedIdentityClients } from './msal/managed-identity-clients';
import { type AcquiredToken, TokenAcquirer, type TokenRequest } from './token-request';

/** Spec F.3: a token from the Azure managed-identity endpoint for the resource of the `/.default` scope. */
export class ManagedIdentityAcquirer extends TokenAcquirer {
  readonly flow = 'managed_identity';

  constructor(private readonly identities: ManagedIdentityClients) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    const result = await this.identities.token(
      resourceOf(request.scopes[0]),
      request.managedIdentity?.userAssignedClientId,
      { forceRefresh: request.forceRefresh, claims: request.claims },
    );
    return {
      accessToken: result.accessToken,
      tokenType: result.tokenType || 'Bearer',
      expiresOn: result.expiresOn ?? new Date(Date.now() + 3_600_000),
    };
  }
}

/** `https://vault.azure.net/.default` → `https://vault.azure.net`. */
export function resourceOf(scope: string): string {
  return scope.replace(/\/\.default$/i, '');
}
