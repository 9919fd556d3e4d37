import { createHash, randomBytes } from 'node:crypto';
import type { DirectoryUser } from '../config/directory';

/** Who a token is for, on behalf of whom, and with which permissions. */
export interface AccessTokenSubject {
  readonly tenantId: string;
  readonly version: '1.0' | '2.0';
  readonly issuer: string;
  /** The `aud` claim. */
  readonly audience: string;
  /** The client the token is issued to (`azp` / `appid`). */
  readonly clientId: string;
  /** Service principal object id of the client: `oid` and `sub` of app tokens. */
  readonly clientObjectId: string;
  /** How the client authenticated: 0 public, 1 secret, 2 certificate or federated assertion. */
  readonly clientAuthMethod: '0' | '1' | '2';
  /** Delegated tokens carry the user; app-only tokens do not. */
  readonly user?: DirectoryUser;
  readonly scopes?: readonly string[];
  readonly roles?: readonly string[];
  /** Replaces `sub` (FMI paths). */
  readonly subject?: string;
  readonly issuedAt: number;
  readonly notBefore: number;
  readonly expiresAt: number;
  /** Added last: agent claims (`xms_par_app_azp`, `xms_sub_fct`), `cnf`, test overrides. */
  readonly extraClaims?: Record<string, unknown>;
}

const randomOpaque = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Entra's `sub` for users is pairwise: stable per user and application, different across applications. */
export function pairwiseSubject(userOid: string, applicationId: string): string {
  return createHash('sha256').update(`${userOid}|${applicationId}`).digest('base64url').slice(0, 43);
}

function commonClaims(subject: AccessTokenSubject): Record<string, unknown> {
  return {
    aud: subject.audience,
    iss: subject.issuer,
    iat: subject.issuedAt,
    nbf: subject.notBefore,
    exp: subject.expiresAt,
    aio: randomOpaque(48),
    rh: `1.${randomOpaque(40)}.`,
    tid: subject.tenantId,
    uti: randomOpaque(16),
    ver: subject.version,
  };
}

function clientClaims(subject: AccessTokenSubject): Record<string, unknown> {
  return subject.version === '2.0'
    ? { azp: subject.clientId, azpacr: subject.clientAuthMethod }
    : { appid: subject.clientId, appidacr: subject.clientAuthMethod };
}

function userClaims(subject: AccessTokenSubject, user: DirectoryUser): Record<string, unknown> {
  const shared = {
    name: user.displayName ?? user.name,
    oid: user.oid,
    scp: (subject.scopes ?? []).join(' ') || undefined,
    sid: randomUUIDLike(user.oid, subject.clientId),
    sub: subject.subject ?? pairwiseSubject(user.oid, subject.clientId),
    idtyp: 'user',
  };
  if (subject.version === '2.0') return { ...shared, preferred_username: user.upn };
  return {
    ...shared,
    acr: '1',
    amr: ['pwd'],
    family_name: user.familyName,
    given_name: user.givenName,
    unique_name: user.upn,
    upn: user.upn,
  };
}

// A stable session id per user and client, so repeated tokens look like one sign-in session.
function randomUUIDLike(oid: string, clientId: string): string {
  const hex = createHash('sha1').update(`sid|${oid}|${clientId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function appClaims(subject: AccessTokenSubject): Record<string, unknown> {
  return {
    idp: subject.issuer,
    oid: subject.clientObjectId,
    sub: subject.subject ?? subject.clientObjectId,
    roles: subject.roles && subject.roles.length > 0 ? [...subject.roles] : undefined,
    idtyp: 'app',
  };
}

/** Builds the payload of a v1 or v2 Entra access token. */
export function buildAccessTokenClaims(subject: AccessTokenSubject): Record<string, unknown> {
  const principal = subject.user ? userClaims(subject, subject.user) : appClaims(subject);
  const roles = subject.user && subject.roles?.length ? { roles: [...subject.roles] } : {};
  return {
    ...commonClaims(subject),
    ...clientClaims(subject),
    ...principal,
    ...roles,
    ...subject.extraClaims,
  };
}
