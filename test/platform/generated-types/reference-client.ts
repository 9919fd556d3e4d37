// Code a client team writes against types generated (openapi-typescript) from the reference sidecar's OpenAPI
// document: calls through openapi-fetch and values of the reference's schemas. It type-checks here against the
// reference's own types (./reference/sidecar-api), and `generated-types.e2e-spec.ts` type-checks the same file
// against the types generated from our committed document: it must compile against both, unchanged.
import createClient from 'openapi-fetch';
import type { components, operations, paths } from './reference/sidecar-api';

type Schemas = components['schemas'];

const sidecar = createClient<paths>({ baseUrl: 'http://localhost:5000' });

/** The claims of a validated token (any JSON), or the problem's detail. */
export async function validate(token: string): Promise<Schemas['JsonNode']> {
  const { data, error } = await sidecar.GET('/Validate', { headers: { Authorization: `Bearer ${token}` } });
  if (error !== undefined) return error.detail ?? error.title ?? 'failed';
  const result: Schemas['ValidateAuthorizationHeaderResult'] = data;
  return result.protocol === 'Bearer' ? result.claims : result.token;
}

/** An authorization header for `apiName`, with every kind of override the reference documents. */
export async function authorizationHeader(apiName: string, token?: string): Promise<string> {
  const query: operations['AuthorizationHeader']['parameters']['query'] = {
    'optionsOverride.Scopes': 'User.Read',
    'optionsOverride.RequestAppToken': false,
    'optionsOverride.AcquireTokenOptions.Tenant': '00000000-0000-0000-0000-000000000001',
    'optionsOverride.AcquireTokenOptions.ForceRefresh': true,
    'optionsOverride.AcquireTokenOptions.CorrelationId': '00000000-0000-0000-0000-000000000002',
    AgentIdentity: 'agent-client-id',
    AgentUsername: 'user@contoso.example',
  };
  const answer =
    token === undefined
      ? await sidecar.GET('/AuthorizationHeaderUnauthenticated/{apiName}', {
          params: { path: { apiName }, query },
        })
      : await sidecar.GET('/AuthorizationHeader/{apiName}', {
          params: { path: { apiName }, query },
          headers: { Authorization: `Bearer ${token}` },
        });
  if (answer.error !== undefined) throw new Error(problemText(answer.error));
  const result: Schemas['AuthorizationHeaderResult'] = answer.data;
  return result.authorizationHeader;
}

/** A downstream call's status and body, overriding the path and method. */
export async function callDownstream(apiName: string, token: string): Promise<[number, string | null]> {
  const { data, error, response } = await sidecar.POST('/DownstreamApi/{apiName}', {
    params: {
      path: { apiName },
      query: { 'optionsOverride.RelativePath': 'me', 'optionsOverride.HttpMethod': 'GET' },
    },
    headers: { Authorization: `Bearer ${token}` },
  });
  if (error !== undefined) return [response.status, problemText(error)];
  const result: Schemas['DownstreamApiResult'] = data;
  const contentType: string[] | undefined = result.headers['Content-Type'];
  return [Number(result.statusCode), contentType === undefined ? null : result.content];
}

/** The anonymous downstream route, taking the whole typed answer. */
export async function callDownstreamUnauthenticated(
  apiName: string,
): Promise<Schemas['DownstreamApiResult']> {
  const answer = await sidecar.POST('/DownstreamApiUnauthenticated/{apiName}', {
    params: { path: { apiName } },
  });
  if (answer.data === undefined) throw new Error(problemText(answer.error));
  return answer.data;
}

function problemText(problem: Schemas['ProblemDetails']): string {
  return `${String(problem.status ?? '')} ${problem.detail ?? problem.title ?? ''}`.trim();
}

// Values a client builds or keeps in the reference's types: numbers as strings, any JSON as claims, nulls.
export const examples: {
  downstream: Schemas['DownstreamApiResult'][];
  problems: Schemas['ProblemDetails'][];
  validated: Schemas['ValidateAuthorizationHeaderResult'][];
  header: Schemas['AuthorizationHeaderResult'];
  anyJson: Schemas['JsonNode'][];
} = {
  downstream: [
    { statusCode: 200, headers: { 'Content-Type': ['application/json'] }, content: '{"ok":true}' },
    { statusCode: '204', headers: {}, content: null },
  ],
  problems: [
    { type: null, title: 'Bad Request', status: 400, detail: 'No scopes found.', instance: null },
    { status: '401' },
    {},
  ],
  validated: [
    { protocol: 'Bearer', token: 'eyJ0eXAi', claims: { aud: 'api', roles: ['a'] } },
    { protocol: 'PoP', token: 'eyJ0eXAi', claims: null },
    { protocol: 'Bearer', token: 'eyJ0eXAi', claims: 42 },
  ],
  header: { authorizationHeader: 'Bearer eyJ0eXAi' },
  anyJson: ['text', 1, true, null, [1, 'a'], { nested: { deep: [] } }],
};
