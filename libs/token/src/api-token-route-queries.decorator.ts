import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@app/openapi';

const text = (name: string, description: string, deprecated = false) =>
  ApiQuery({ name, required: false, type: String, description, ...(deprecated ? { deprecated: true } : {}) });
const bool = (name: string, description: string) =>
  ApiQuery({ name, required: false, type: Boolean, description });

/**
 * The path parameter and the query parameters the reference declares on every token route (spec C.3, C.5):
 * the agent parameters and the 15 `optionsOverride.*` keys, `BaseUrl` deprecated (it is always ignored).
 */
export function ApiTokenRouteQueries(): MethodDecorator {
  return applyDecorators(
    ApiParam({
      name: 'apiName',
      type: String,
      description: 'Name of a `DownstreamApis` profile (case-sensitive).',
    }),
    text('AgentIdentity', 'Agent identity client id (spec E.1).'),
    text('AgentUsername', 'Agent user UPN; needs AgentIdentity.'),
    text('AgentUserId', 'Agent user object id (GUID); needs AgentIdentity.'),
    text('optionsOverride.Scopes', 'Replaces the profile scopes; repeat for several.'),
    bool('optionsOverride.RequestAppToken', 'true → an app (client credentials) token.'),
    text('optionsOverride.BaseUrl', 'Never honoured: the configured BaseUrl is always used.', true),
    text('optionsOverride.RelativePath', 'Replaces the profile RelativePath.'),
    text('optionsOverride.HttpMethod', 'Replaces the outbound method.'),
    text('optionsOverride.AcceptHeader', 'Replaces the outbound Accept header.'),
    text('optionsOverride.ContentType', 'Replaces the profile ContentType.'),
    text('optionsOverride.AcquireTokenOptions.Tenant', 'Tenant of the token request (GUID or domain).'),
    bool('optionsOverride.AcquireTokenOptions.ForceRefresh', 'Bypass the token cache.'),
    text('optionsOverride.AcquireTokenOptions.Claims', 'Claims challenge JSON sent to Entra.'),
    text('optionsOverride.AcquireTokenOptions.CorrelationId', 'Correlation id (GUID) of the token request.'),
    text(
      'optionsOverride.AcquireTokenOptions.LongRunningWebApiSessionKey',
      'Long-running OBO session key; AllocateForMe lets the sidecar allocate one.',
    ),
    text('optionsOverride.AcquireTokenOptions.FmiPath', 'fmi_path of an app-token request.'),
    text('optionsOverride.AcquireTokenOptions.PopPublicKey', 'Public key of a PoP token request.'),
    text(
      'optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId',
      'Use this user-assigned managed identity.',
    ),
  );
}
