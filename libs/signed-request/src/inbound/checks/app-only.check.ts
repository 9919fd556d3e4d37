import { refuse } from '../signed-request.errors';

/**
 * Spec G.7: only app tokens are accepted inside a signed request. A token with `scp` was delegated by a user;
 * `idtyp` (an optional claim Entra adds on request) names the kind of token, and anything but `app` is refused.
 */
export function checkAppOnly(claims: Readonly<Record<string, unknown>>): void {
  if (claims.scp !== undefined) {
    throw refuse(
      'ACCESS_TOKEN_NOT_APP_ONLY',
      "The access token in the signed HTTP request is delegated (it has 'scp'); only app tokens are accepted.",
    );
  }
  if (claims.idtyp !== undefined && claims.idtyp !== 'app') {
    throw refuse(
      'ACCESS_TOKEN_NOT_APP_ONLY',
      "The access token in the signed HTTP request is not an app token ('idtyp' is not 'app').",
    );
  }
}
