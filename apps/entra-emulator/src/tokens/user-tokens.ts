import type { DirectoryUser } from '../config/directory';
import { pairwiseSubject } from './access-token-claims';

/** `client_info` as msal expects it: base64url JSON with the user's home account ids. */
export function buildClientInfo(user: DirectoryUser): string {
  return Buffer.from(JSON.stringify({ uid: user.oid, utid: user.tenantId })).toString('base64url');
}

/** Payload of a v2 id token for `clientId`, enough for msal to build an account. */
export function buildIdTokenClaims(
  user: DirectoryUser,
  clientId: string,
  issuer: string,
  now: number,
  lifetimeSeconds: number,
): Record<string, unknown> {
  return {
    aud: clientId,
    iss: issuer,
    iat: now,
    nbf: now,
    exp: now + lifetimeSeconds,
    name: user.displayName ?? user.name,
    oid: user.oid,
    preferred_username: user.upn,
    sub: pairwiseSubject(user.oid, clientId),
    tid: user.tenantId,
    ver: '2.0',
  };
}
