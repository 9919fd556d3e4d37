import type { Directory } from '../config/directory';
import {
  OIDC_SCOPES,
  parseScopeParameter,
  resolveResource,
  splitScope,
  type Resource,
} from '../config/resources';
import { entraErrors } from '../http/entra-error';

/** The resource and `scp` values of a delegated request, plus the OpenID Connect scopes asked for. */
export interface DelegatedScopes {
  readonly resource: Resource;
  readonly scp: string[];
  readonly oidc: ReadonlySet<string>;
  /** The resource-qualified scopes, as echoed in the response and kept with refresh tokens. */
  readonly granted: string[];
}

function sameResource(a: string | undefined, b: string | undefined): boolean {
  return (a ?? '').toLowerCase().replace(/\/+$/, '') === (b ?? '').toLowerCase().replace(/\/+$/, '');
}

/** Delegated flows (OBO, refresh, user_fic): one resource, each scope exposed by it (`.default` = all). */
export function resolveDelegatedScopes(
  directory: Directory,
  scopeParameter: string | undefined,
  tenantName: string,
): DelegatedScopes {
  const requested = parseScopeParameter(scopeParameter);
  if (requested.length === 0) throw entraErrors.missingParameter('scope');
  const oidc = new Set(requested.filter((scope) => OIDC_SCOPES.has(scope.toLowerCase())));
  const permissions = requested.filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase())).map(splitScope);
  const resourceId = permissions[0]?.resource;
  if (permissions.some((permission) => !sameResource(permission.resource, resourceId))) {
    throw entraErrors.multipleResources();
  }
  const resource = resolveResource(directory, resourceId);
  if (!resource) throw entraErrors.unknownResource(resourceId ?? 'https://graph.microsoft.com', tenantName);
  if (resource.isTokenExchange || !resource.application) throw entraErrors.invalidScope(requested.join(' '));
  const exposed = resource.application.scopes.filter((scope) => !OIDC_SCOPES.has(scope));
  const scp = permissions.some((permission) => permission.value === '.default')
    ? exposed
    : permissions.map((permission) => permission.value);
  const unknown = scp.find((value) => !resource.application?.scopes.includes(value));
  if (unknown) throw entraErrors.invalidScope(unknown);
  // Only OIDC scopes asked for: Entra answers with a token for Microsoft Graph carrying them.
  const values =
    scp.length > 0 ? scp : [...oidc].filter((scope) => resource.application?.scopes.includes(scope));
  const granted = permissions.length > 0 ? requested.filter((scope) => !oidc.has(scope)) : values;
  return { resource, scp: values, oidc, granted };
}

/** Client credentials: exactly one `<resource>/.default` scope. */
export function resolveAppScope(
  directory: Directory,
  scopeParameter: string | undefined,
  tenantName: string,
): Resource {
  const requested = parseScopeParameter(scopeParameter);
  if (requested.length === 0) throw entraErrors.missingParameter('scope');
  const scope = requested.join(' ');
  if (requested.length !== 1) throw entraErrors.invalidScopeForClientCredentials(scope);
  const { resource: resourceId, value } = splitScope(requested[0]);
  if (value.toLowerCase() !== '.default' || !resourceId)
    throw entraErrors.invalidScopeForClientCredentials(scope);
  const resource = resolveResource(directory, resourceId);
  if (!resource) throw entraErrors.unknownResource(resourceId, tenantName);
  return resource;
}
