import type { AuthenticatedClient } from '../client-auth/authenticated-client';
import type { DirectoryUser } from '../config/directory';
import type { EmulatorContext } from '../emulator-context';
import { buildClientInfo } from '../tokens/user-tokens';
import type { DelegatedScopes } from './requested-scopes';
import { tokenResponseBody } from './token-request';

export interface UserTokenInput {
  readonly tenantId: string;
  readonly auth: AuthenticatedClient;
  readonly user: DirectoryUser;
  readonly scopes: DelegatedScopes;
  readonly form: Readonly<Record<string, string>>;
  readonly extraClaims?: Record<string, unknown>;
  /** Refresh grants always return a new refresh token. */
  readonly alwaysRefreshToken?: boolean;
}

/** The delegated answer shared by OBO, refresh_token and user_fic, with what msal asks for alongside. */
export async function issueUserTokens(
  context: EmulatorContext,
  input: UserTokenInput,
): Promise<Record<string, unknown>> {
  const { auth, user, scopes } = input;
  const issued = await context.tokens.accessToken({
    tenantId: input.tenantId,
    resource: scopes.resource,
    clientId: auth.client.clientId,
    clientObjectId: auth.client.objectId,
    clientAuthMethod: auth.authMethodClaim,
    user,
    scopes: scopes.scp,
    extraClaims: input.extraClaims,
  });
  const wantsRefresh = input.alwaysRefreshToken || scopes.oidc.has('offline_access');
  const refreshToken = wantsRefresh
    ? context.refreshTokens.issue(
        {
          clientId: auth.client.clientId,
          tenantId: input.tenantId,
          user,
          scopes: scopes.granted,
          extraClaims: input.extraClaims,
        },
        context.now(),
      )
    : undefined;
  return tokenResponseBody({
    accessToken: issued.token,
    expiresIn: issued.expiresIn,
    scope: [...scopes.granted, ...scopes.oidc].join(' '),
    refreshToken,
    idToken: scopes.oidc.has('openid') ? await context.tokens.idToken(user, auth.client.clientId) : undefined,
    clientInfo: input.form.client_info === '1' ? buildClientInfo(user) : undefined,
  });
}
