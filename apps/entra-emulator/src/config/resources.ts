import type { ApplicationConfig } from './config.schema';
import { Directory, TOKEN_EXCHANGE_RESOURCE } from './directory';

/** Scopes the token endpoint handles itself rather than as permissions of a resource (OpenID Connect). */
export const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

/** An API that tokens can be issued for. */
export interface Resource {
  /** The identifier as the caller wrote it (the `aud` of v1 tokens). */
  readonly identifier: string;
  /** The audience of v2 tokens: the API's client id, or the exchange audience. */
  readonly audienceV2: string;
  readonly accessTokenVersion: 1 | 2;
  readonly application?: ApplicationConfig;
  readonly isTokenExchange: boolean;
}

/** Splits `api://x/scope` into the resource and the scope value (`.default` included). */
export function splitScope(scope: string): { resource: string | undefined; value: string } {
  const slash = scope.lastIndexOf('/');
  // A bare value such as `User.Read` means Microsoft Graph in Entra.
  if (slash < 0) return { resource: undefined, value: scope };
  return { resource: scope.slice(0, slash), value: scope.slice(slash + 1) };
}

export function parseScopeParameter(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter((value) => value.length > 0);
}

const GRAPH_IDENTIFIER = 'https://graph.microsoft.com';

function normalise(identifier: string): string {
  return identifier.toLowerCase().replace(/\/+$/, '');
}

/** Finds the API behind a resource identifier (client id, identifier URI, or a configured name). */
export function resolveResource(directory: Directory, identifier: string | undefined): Resource | undefined {
  const wanted = identifier ?? GRAPH_IDENTIFIER;
  const key = normalise(wanted);
  if (key === normalise(TOKEN_EXCHANGE_RESOURCE)) {
    return {
      identifier: TOKEN_EXCHANGE_RESOURCE,
      audienceV2: TOKEN_EXCHANGE_RESOURCE,
      accessTokenVersion: 2,
      isTokenExchange: true,
    };
  }
  const application =
    directory.findApplication(wanted) ??
    directory.config.applications.find((app) => app.identifierUris.some((uri) => normalise(uri) === key));
  if (!application) return undefined;
  return {
    identifier: wanted,
    audienceV2: application.clientId,
    accessTokenVersion: application.accessTokenVersion,
    application,
    isTokenExchange: false,
  };
}

/** Roles granted to a client on a resource: its permissions intersected with the roles the API defines. */
export function grantedRoles(
  directory: Directory,
  permissions: readonly { resource: string; roles: readonly string[] }[],
  resource: Resource,
): string[] {
  if (!resource.application) return [];
  const appRoles = new Set(resource.application.appRoles);
  const roles = permissions
    .filter(
      (permission) => resolveResource(directory, permission.resource)?.application === resource.application,
    )
    .flatMap((permission) => permission.roles.filter((role) => appRoles.has(role)));
  return [...new Set(roles)];
}
