import { randomUUID } from 'node:crypto';
import type { EmulatorContext } from '../emulator-context';
import type { HandlerResult, Route, RouteRequest } from '../http/handler-result';
import { findManagedIdentity, issueManagedIdentityToken, selectorFromQuery } from './managed-identity-token';

export const APP_SERVICE_PATH = '/msi/token';
export const IMDS_PATH = '/metadata/identity/oauth2/token';
export const MANAGED_IDENTITY_GRANT = 'managed_identity';

// App Service answers errors as {statusCode, message, correlationId}.
function appServiceError(status: number, message: string): HandlerResult {
  return { status, body: { statusCode: status, message, correlationId: randomUUID() } };
}

// IMDS answers errors as {error, error_description}.
function imdsError(status: number, error: string, description: string): HandlerResult {
  return { status, body: { error, error_description: description } };
}

/** GET /msi/token?api-version=2019-08-01&resource=… with X-IDENTITY-HEADER (IDENTITY_ENDPOINT shape). */
async function appServiceToken(
  context: EmulatorContext,
  { url, headers }: RouteRequest,
): Promise<HandlerResult> {
  if (headers['x-identity-header'] !== context.identityHeader) {
    return appServiceError(401, 'The X-IDENTITY-HEADER header is missing or invalid.');
  }
  if (!url.searchParams.get('api-version')) return appServiceError(400, 'api-version is required.');
  const resource = url.searchParams.get('resource');
  if (!resource) return appServiceError(400, 'No resource specified.');
  const identity = findManagedIdentity(context, selectorFromQuery(url.searchParams));
  if (!identity) return appServiceError(400, 'Identity not found.');
  const result = await issueManagedIdentityToken(context, identity, resource);
  if (!result.ok)
    return appServiceError(
      400,
      `AADSTS500011: The resource principal named ${result.resource} was not found in the tenant.`,
    );
  return { status: 200, body: result.body };
}

/** GET /metadata/identity/oauth2/token[/]?api-version=2018-02-01&resource=… with `Metadata: true` (IMDS shape). */
async function imdsToken(context: EmulatorContext, { url, headers }: RouteRequest): Promise<HandlerResult> {
  if (headers.metadata?.toLowerCase() !== 'true') {
    return imdsError(400, 'invalid_request', 'Required metadata header not specified');
  }
  if (!url.searchParams.get('api-version'))
    return imdsError(400, 'invalid_request', 'Required queryparameter api-version was not specified');
  const resource = url.searchParams.get('resource');
  if (!resource)
    return imdsError(400, 'invalid_request', 'Required queryparameter resource was not specified');
  const identity = findManagedIdentity(context, selectorFromQuery(url.searchParams));
  if (!identity) return imdsError(400, 'invalid_request', 'Identity not found');
  const result = await issueManagedIdentityToken(context, identity, resource);
  if (!result.ok) {
    return imdsError(
      400,
      'invalid_resource',
      `AADSTS500011: The resource principal named ${result.resource} was not found in the tenant.`,
    );
  }
  return { status: 200, body: result.body };
}

/** Routes of the plain-HTTP managed-identity listener. */
export function matchManagedIdentityRoute(context: EmulatorContext, method: string, path: string): Route {
  if (method === 'GET' && path === APP_SERVICE_PATH) {
    return {
      kind: 'managed-identity',
      grantType: MANAGED_IDENTITY_GRANT,
      handle: (request) => appServiceToken(context, request),
    };
  }
  // msal's IMDS source asks with a trailing slash; real IMDS accepts both.
  if (method === 'GET' && (path === IMDS_PATH || path === `${IMDS_PATH}/`)) {
    return {
      kind: 'managed-identity',
      grantType: MANAGED_IDENTITY_GRANT,
      handle: (request) => imdsToken(context, request),
    };
  }
  return {
    kind: 'managed-identity',
    handle: () => Promise.resolve(imdsError(404, 'not_found', `No managed identity endpoint at '${path}'.`)),
  };
}
