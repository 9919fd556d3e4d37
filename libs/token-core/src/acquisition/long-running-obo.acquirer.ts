import { SidecarError } from '@app/problem-details';
import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { SessionStore } from '../cache/session-store';
import { NO_ACCOUNT_DETAIL } from '../token-core.constants';
import type { MsalClientFactory } from './msal/msal-client.factory';
import { toAcquiredToken } from './msal/msal-result';
import { type AcquiredToken, TokenAcquirer, type TokenRequest } from './token-request';

/**
 * Spec F.4, long-running OBO. msal-node has no API for it, so the session's refresh token is kept by the
 * sidecar: with an inbound token, OBO starts (or restarts) the session and its refresh token is stored under
 * the session key; without one, the stored refresh token gets the token. Each acquisition uses a fresh msal
 * client, whose cache is read once for the refresh token and then dropped.
 */
export class LongRunningOboAcquirer extends TokenAcquirer {
  readonly flow = 'long_running_obo';

  constructor(
    private readonly clients: MsalClientFactory,
    private readonly sessions: SessionStore,
  ) {
    super();
  }

  async acquire(request: TokenRequest): Promise<AcquiredToken> {
    const sessionKey = request.sessionKey ?? '';
    if (request.assertion !== undefined) {
      const client = await this.clients.isolatedClient(request.tenant);
      const result = await client.acquireTokenOnBehalfOf({
        oboAssertion: request.assertion,
        scopes: [...request.scopes],
        skipCache: true,
        claims: request.claims,
        correlationId: request.correlationId,
      });
      await this.remember(client, sessionKey, request.tenant);
      return toAcquiredToken(result);
    }
    const session = await this.sessions.get(sessionKey);
    if (session === undefined) throw new SidecarError('UNAUTHENTICATED', NO_ACCOUNT_DETAIL);
    const client = await this.clients.isolatedClient(session.tenant);
    const result = await client.acquireTokenByRefreshToken({
      refreshToken: session.refreshToken,
      scopes: [...request.scopes],
      claims: request.claims,
      correlationId: request.correlationId,
      forceCache: true,
    });
    // Entra may rotate the refresh token: keep the newest.
    await this.remember(client, sessionKey, session.tenant);
    return toAcquiredToken(result);
  }

  private async remember(
    client: ConfidentialClientApplication,
    sessionKey: string,
    tenant: string,
  ): Promise<void> {
    const refreshToken = newestRefreshToken(client);
    if (refreshToken !== undefined) await this.sessions.set(sessionKey, { refreshToken, tenant });
  }
}

// The msal client is used for one acquisition only, so its cache holds at most one refresh token.
function newestRefreshToken(client: ConfidentialClientApplication): string | undefined {
  const cache = JSON.parse(client.getTokenCache().serialize()) as {
    RefreshToken?: Record<string, { secret?: string }>;
  };
  return Object.values(cache.RefreshToken ?? {}).at(-1)?.secret;
}
