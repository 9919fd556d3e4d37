import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { type DownstreamServer, startDownstream } from '@app/testing';
import {
  call,
  DEMO,
  decodePayload,
  type EntraEmulator,
  OBO_GRANT,
  startDownstreamSidecar,
  startEmulator,
  userProfile,
  userToken,
} from './support/fixture';

// Reference DownstreamApiEndpointTests, with real JWT validation, OBO against the emulator and a real downstream.
describe('/DownstreamApi/{apiName} (bearer required)', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let empty: DownstreamServer;
  let lowerCase: DownstreamServer;
  let sidecar: RunningSidecar;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream();
    empty = await startDownstream((_req, res) => res.writeHead(204, { 'Content-Length': '0' }).end());
    lowerCase = await startDownstream((_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/plain', 'content-length': '2', 'content-x-trace': 'abc' })
        .end('hi'),
    );
    sidecar = await startDownstreamSidecar(emulator, {
      ...userProfile('Weather', `${downstream.url}/v1`, { RelativePath: 'forecast', HttpMethod: 'Post' }),
      ...userProfile('Empty', empty.url),
      ...userProfile('LowerCase', lowerCase.url),
      DownstreamApis__NoScopes__BaseUrl: downstream.url,
      DownstreamApis__TokenOnly__Scopes__0: `${DEMO.downstreamUri}/Weather.Read`,
    });
    token = await userToken(emulator);
  });
  afterAll(async () => {
    await sidecar?.close();
    await Promise.all([downstream?.close(), empty?.close(), lowerCase?.close(), emulator?.close()]);
  });
  beforeEach(() => {
    downstream.received.length = 0;
    emulator.faults.clear();
  });

  const url = (path: string) => `${sidecar.url}/DownstreamApi/${path}`;
  const bearer = () => ({ authorization: `Bearer ${token}` });

  it('should answer 401 without an Authorization header', async () => {
    // Act
    const result = await call(url('Weather'));

    // Assert
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(downstream.received).toHaveLength(0);
  });

  it('should answer 401 with an invalid token', async () => {
    // Act
    const result = await call(url('Weather'), { headers: { authorization: 'Bearer invalid-token' } });

    // Assert
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it.each(['NoScopes', 'non-existent-api'])('should answer 400 "No scopes found…" for %s', async (name) => {
    // Act
    const result = await call(url(name), { headers: bearer() });

    // Assert
    expect(result.status).toBe(400);
    expect(result.body.detail).toBe(
      `No scopes found for the API '${name}' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.`,
    );
    expect(downstream.received).toHaveLength(0);
  });

  // Issue 21: an API with no BaseUrl (unknown, odd, or configured for tokens only) is the caller's 400, never
  // the 500 it was when a scope override got past the scopes check.
  it.each([
    ['TokenOnly', 'TokenOnly', ''],
    ['a control character', '%01', `?optionsOverride.Scopes=${DEMO.downstreamUri}/Weather.Read`],
    ['NUL', '%00', `?optionsOverride.Scopes=${DEMO.downstreamUri}/Weather.Read`],
    ['an emoji', '%F0%9F%98%80', `?optionsOverride.Scopes=${DEMO.downstreamUri}/Weather.Read`],
    ['dots', '..a.', `?optionsOverride.Scopes=${DEMO.downstreamUri}/Weather.Read`],
    ['3,000 characters', 'y'.repeat(3_000), `?optionsOverride.Scopes=${DEMO.downstreamUri}/Weather.Read`],
  ])('should answer 400 naming the missing BaseUrl for %s, calling nothing', async (_, segment, query) => {
    // Arrange
    const name = decodeURIComponent(segment);
    const tokenRequests = emulator.requests.count({ grantType: OBO_GRANT });

    // Act
    const result = await call(url(`${segment}${query}`), { headers: bearer() });

    // Assert
    expect(result.status).toBe(400);
    expect(result.body.detail).toBe(
      `The API '${name}' has no BaseUrl (DownstreamApis:${name}:BaseUrl), so /DownstreamApi cannot call it.`,
    );
    expect(emulator.requests.count({ grantType: OBO_GRANT })).toBe(tokenRequests);
    expect(downstream.received).toHaveLength(0);
  });

  it.each([';;;', 'text', '/json'])(
    'should answer a Content-Type %j that is not a media type with a 415 that says so, calling nothing',
    async (contentType) => {
      // Act
      const result = await call(url('Weather'), {
        headers: { ...bearer(), 'content-type': contentType },
        body: '{}',
      });

      // Assert
      expect(result.status).toBe(415);
      expect(result.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(result.body.detail).toBe(
        'The Content-Type header is not a valid media type: type/subtype, then optional ;name=value parameters.',
      );
      expect(downstream.received).toHaveLength(0);
    },
  );

  it('should forward the JSON body with its media type and an OBO token for the user, never the caller token', async () => {
    // Arrange
    const body = '{"request": "value"}';

    // Act
    const result = await call(url('Weather'), {
      body,
      headers: { ...bearer(), 'content-type': 'application/json; charset=utf-8' },
    });

    // Assert
    expect(result.status).toBe(200);
    expect(result.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(result.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
    expect(result.body).toMatchObject({ statusCode: 200, content: '{"result":"success"}' });
    expect(result.body.headers).toEqual(expect.any(Object));
    const seen = downstream.received[0];
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/v1/forecast');
    expect(seen.body.toString()).toBe(body);
    expect(downstream.header(0, 'content-type')).toEqual(['application/json; charset=utf-8']);
    expect(downstream.header(0, 'accept')).toEqual(['application/json']);
    const authorization = downstream.header(0, 'authorization');
    expect(authorization).toHaveLength(1);
    expect(authorization[0]).not.toContain(token);
    expect(decodePayload(authorization[0])).toMatchObject({
      aud: DEMO.downstreamClientId,
      oid: 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde',
      scp: 'Weather.Read',
    });
    expect(emulator.requests.lastTokenRequest({ grantType: OBO_GRANT })?.form?.assertion).toBe(token);
  });

  it.each(['../secret', '%2e%2e/%2e%2e/secret', 'x/../../../secret'])(
    "should refuse a RelativePath override (%s) that leaves the BaseUrl's path with a 400, calling nothing",
    async (relativePath) => {
      // Act: the Weather profile's BaseUrl is <downstream>/v1.
      const result = await call(
        url(`Weather?optionsOverride.RelativePath=${encodeURIComponent(relativePath)}`),
        { headers: bearer() },
      );

      // Assert
      expect(result.status).toBe(400);
      expect(result.body.detail).toBe(
        "The RelativePath leaves the path of the API's BaseUrl: '..' segments may not climb above it.",
      );
      expect(downstream.received).toHaveLength(0);
    },
  );

  it.each([
    [
      'an AcceptHeader with CR LF',
      'optionsOverride.AcceptHeader=text%2Fplain%0D%0AX-Injected%3A%201',
      'The AcceptHeader is not a valid header value.',
    ],
    [
      'an AcceptHeader with NUL',
      'optionsOverride.AcceptHeader=a%00b',
      'The AcceptHeader is not a valid header value.',
    ],
    [
      'HttpMethod CONNECT',
      'optionsOverride.HttpMethod=CONNECT',
      "'CONNECT' cannot be the method of a downstream API call.",
    ],
  ])('should answer %s with a 400 that says why, calling nothing', async (_what, query, detail) => {
    // Act
    const result = await call(url(`Weather?${query}`), { headers: bearer() });

    // Assert
    expect(result.status).toBe(400);
    expect(result.body.detail).toBe(detail);
    expect(downstream.received).toHaveLength(0);
  });

  it('should follow a RelativePath override whose dot-segments stay under the BaseUrl path', async () => {
    // Act
    const result = await call(url('Weather?optionsOverride.RelativePath=a%2F..%2Fforecast'), {
      headers: bearer(),
    });

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.received[0].path).toBe('/v1/forecast');
  });

  it('should return a 204 with content null', async () => {
    // Act
    const result = await call(url('Empty'), { headers: bearer() });

    // Assert
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ statusCode: 204, headers: { 'Content-Length': ['0'] }, content: null });
  });

  it('should name known content headers as a .NET client of the reference sees them, others as received', async () => {
    // Act
    const result = await call(url('LowerCase'), { headers: bearer() });

    // Assert: the downstream wrote every name in lower case.
    expect(result.body).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': ['text/plain'], 'content-x-trace': ['abc'], 'Content-Length': ['2'] },
      content: 'hi',
    });
  });

  it('should answer 401 with the Entra message for an AADSTS50076 MFA error', async () => {
    // Arrange
    const message =
      'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.';
    emulator.faults.inject({
      grantType: OBO_GRANT,
      times: 1,
      kind: 'aadsts',
      code: 50076,
      error: 'interaction_required',
      description: message,
    });

    // Act
    const result = await call(url('Weather?optionsOverride.AcquireTokenOptions.ForceRefresh=true'), {
      headers: bearer(),
    });

    // Assert
    expect(result.status).toBe(401);
    expect(result.body.detail).toContain('Due to a configuration change made by your administrator');
    expect(downstream.received).toHaveLength(0);
  });

  it('should pass a tenant override to the token request', async () => {
    // Act
    const result = await call(
      url(
        `Weather?OptionsOverride.AcquireTokenOptions.Tenant=${DEMO.tenantId}&optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
      ),
      {
        headers: bearer(),
      },
    );

    // Assert
    expect(result.status).toBe(200);
    expect(emulator.requests.lastTokenRequest({ grantType: OBO_GRANT })?.tenantId).toBe(DEMO.tenantId);
  });

  it('should use override scopes exactly when the profile has none', async () => {
    // Arrange
    const scopes = `OptionsOverride.Scopes=${encodeURIComponent(`${DEMO.downstreamUri}/Weather.Read`)}&OptionsOverride.Scopes=offline_access`;

    // Act
    const result = await call(url(`NoScopes?${scopes}`), { headers: bearer() });

    // Assert
    expect(result.status).toBe(200);
    expect(emulator.requests.lastTokenRequest({ grantType: OBO_GRANT })?.form?.scope.split(' ')).toEqual(
      expect.arrayContaining([`${DEMO.downstreamUri}/Weather.Read`, 'offline_access']),
    );
    expect(downstream.received[0].path).toBe('/');
  });

  it('should send override extra headers and query parameters, and the relative path and method overrides', async () => {
    // Arrange
    const query = [
      'OptionsOverride.ExtraHeaderParameters.X-Custom-Header=test-value',
      'OptionsOverride.ExtraHeaderParameters.OData-Version=4.0',
      'OptionsOverride.ExtraQueryParameters.param1=value1',
      'OptionsOverride.ExtraQueryParameters.param2=value%202',
      'optionsOverride.RelativePath=items/42',
      'optionsOverride.HttpMethod=patch',
    ].join('&');

    // Act
    const result = await call(url(`Weather?${query}`), { headers: { ...bearer(), 'X-Test': 'header-val' } });

    // Assert
    expect(result.status).toBe(200);
    const seen = downstream.received[0];
    expect(seen.method).toBe('PATCH');
    expect(seen.path).toBe('/v1/items/42');
    expect(Object.fromEntries(seen.query)).toEqual({ param1: 'value1', param2: 'value 2' });
    expect(downstream.header(0, 'X-Custom-Header')).toEqual(['test-value']);
    expect(downstream.header(0, 'OData-Version')).toEqual(['4.0']);
    // Inbound headers are not forwarded: only what the profile and overrides say.
    expect(downstream.header(0, 'X-Test')).toEqual([]);
  });

  it.each(['GET', 'PUT', 'PATCH', 'DELETE'])(
    'should accept %s inbound and still call with the profile method',
    async (method) => {
      // Act
      const result = await call(url('Weather'), { method, headers: bearer() });

      // Assert
      expect(result.status).toBe(200);
      expect(result.body.statusCode).toBe(200);
      expect(downstream.received[0].method).toBe('POST');
    },
  );

  it('should refuse HEAD with 405 and call nothing downstream', async () => {
    // Act
    const response = await fetch(url('Weather'), { method: 'HEAD', headers: bearer() });

    // Assert
    expect(response.status).toBe(405);
    expect(downstream.received).toHaveLength(0);
  });
});
