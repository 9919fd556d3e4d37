import { ApiProblemResponses } from '@app/problem-details';
import { ApiTokenRouteQueries } from '@app/token';
import { applyDecorators, HttpCode } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiExcludeEndpoint,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  BEARER_SCHEME,
} from '@app/openapi';
import { DownstreamApiResultDto } from './dto/downstream-api-result.dto';

const OVERRIDE_EXAMPLES =
  "'optionsOverride.BaseUrl' is always ignored. Examples:\n" +
  '  ?optionsOverride.Scopes=User.Read\n' +
  '  ?optionsOverride.Scopes=User.Read&optionsOverride.Scopes=Mail.Read\n' +
  '  ?optionsOverride.AcquireTokenOptions.Tenant=GUID\n' +
  '  ?optionsOverride.RequestAppToken=true&optionsOverride.Scopes=https://graph.microsoft.com/.default';

/** The documented POST operation, as the reference declares it (operationId, parameters, responses). */
export function ApiDownstreamOperation(
  operationId: string,
  summary: string,
  gate: string,
  gateDefault: boolean,
  bearerRequired: boolean,
) {
  const description =
    "Override downstream call options using dotted query parameters prefixed with 'optionsOverride.'. " +
    `Whether overrides are honoured is controlled by 'Sidecar:AllowOverrides:${gate}' (default: ${gateDefault}). ` +
    'Agent identity parameters (AgentIdentity, AgentUsername, AgentUserId) are also subject to this setting. ' +
    `${OVERRIDE_EXAMPLES}\n` +
    'GET, PUT, PATCH and DELETE are accepted on the same path too; the outbound method is always the ' +
    "effective HttpMethod. The request body is forwarded byte for byte with the caller's Content-Type.";
  return applyDecorators(
    HttpCode(200),
    ApiOperation({ operationId, summary, description }),
    ...(bearerRequired ? [ApiSecurity(BEARER_SCHEME)] : []),
    ApiTokenRouteQueries(),
    // The reference declares no body, yet forwards one: optional here, so generated clients can send it.
    ApiConsumes('*/*'),
    ApiBody({
      required: false,
      description: "Forwarded to the downstream API byte for byte, with the caller's Content-Type.",
      schema: {},
    }),
    ApiOkResponse({ type: DownstreamApiResultDto }),
    // Beyond the reference's 400/401: a body too slow, too large or of an unparsable type, a failed call.
    ApiProblemResponses(400, 401, 408, 413, 415, 500),
  );
}

/** Decisions §2: the other inbound methods behave exactly like POST and stay out of the document. */
export function UndocumentedDownstreamMethod() {
  return applyDecorators(HttpCode(200), ApiExcludeEndpoint());
}
