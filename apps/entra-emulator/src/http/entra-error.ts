/** A token-endpoint failure in Entra's terms: an OAuth `error`, an AADSTS code and an HTTP status. */
export class EntraError extends Error {
  constructor(
    readonly code: number,
    readonly error: string,
    readonly status: number,
    readonly description: string,
  ) {
    super(`AADSTS${code}: ${description}`);
    this.name = 'EntraError';
  }
}

// The codes and texts below follow what Entra answers for the same mistakes (texts shortened).
export const entraErrors = {
  unknownTenant: (tenant: string) =>
    new EntraError(
      90002,
      'invalid_request',
      400,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  tenantRequired: (clientId: string) =>
    new EntraError(
      50194,
      'invalid_request',
      400,
      `Application '${clientId}' is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    ),
  missingParameter: (name: string) =>
    new EntraError(
      900144,
      'invalid_request',
      400,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrant: (grantType: string) =>
    new EntraError(
      70003,
      'unsupported_grant_type',
      400,
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  unknownClient: (clientId: string, tenantId: string) =>
    new EntraError(
      700016,
      'unauthorized_client',
      400,
      `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  missingCredential: () =>
    new EntraError(
      7000218,
      'invalid_client',
      401,
      `The request body must contain the following parameter: 'client_assertion' or 'client_secret'.`,
    ),
  invalidSecret: (clientId: string) =>
    new EntraError(
      7000215,
      'invalid_client',
      401,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
    ),
  invalidCertificateAssertion: (reason: string) =>
    new EntraError(
      700027,
      'invalid_client',
      401,
      `Client assertion failed signature validation. [Reason - ${reason}]`,
    ),
  assertionClientMismatch: () =>
    new EntraError(
      700021,
      'invalid_client',
      401,
      `Client assertion application identifier doesn't match 'client_id' parameter.`,
    ),
  assertionTimeRange: () =>
    new EntraError(700024, 'invalid_client', 401, 'Client assertion is not within its valid time range.'),
  malformedAssertion: () =>
    new EntraError(50027, 'invalid_request', 400, 'JWT token is invalid or malformed.'),
  noMatchingFederatedCredential: () =>
    new EntraError(
      70021,
      'invalid_client',
      401,
      'No matching federated identity record found for presented assertion. Assertion issuer, subject or audience does not match a federated credential of the application.',
    ),
  invalidFederatedAssertion: (reason: string) =>
    new EntraError(
      700211,
      'invalid_client',
      401,
      `Presented federated assertion is invalid. [Reason - ${reason}]`,
    ),
  invalidScopeForClientCredentials: (scope: string) =>
    new EntraError(
      1002012,
      'invalid_scope',
      400,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  invalidScope: (scope: string) =>
    new EntraError(
      70011,
      'invalid_scope',
      400,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  multipleResources: () =>
    new EntraError(
      28000,
      'invalid_scope',
      400,
      'Provided value for the input parameter scope is not valid because it contains more than one resource.',
    ),
  unknownResource: (resource: string, tenant: string) =>
    new EntraError(
      500011,
      'invalid_resource',
      400,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
    ),
  invalidAssertion: (reason: string) =>
    new EntraError(
      50013,
      'invalid_grant',
      400,
      `Assertion failed signature validation. [Reason - ${reason}]`,
    ),
  expiredAssertion: () =>
    new EntraError(
      500133,
      'invalid_grant',
      400,
      'Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.',
    ),
  invalidRefreshToken: () =>
    new EntraError(9002313, 'invalid_grant', 400, 'Invalid request. Request is malformed or invalid.'),
  expiredRefreshToken: () =>
    new EntraError(
      700082,
      'invalid_grant',
      400,
      'The refresh token has expired due to inactivity. The token was issued on a date in the past and was inactive for 90.00:00:00.',
    ),
  unknownUser: (tenantId: string) =>
    new EntraError(
      50034,
      'invalid_grant',
      400,
      `The user account does not exist in the ${tenantId} directory.`,
    ),
  invalidRequest: (description: string) => new EntraError(90014, 'invalid_request', 400, description),
  serverError: () =>
    new EntraError(
      50000,
      'server_error',
      500,
      'There was an error issuing a token or an issue with our sign-in service.',
    ),
};
