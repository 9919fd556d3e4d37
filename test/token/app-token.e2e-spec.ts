import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, decodePayload, getJson, startTokenFixture, type TokenFixture } from './support/token-fixtures';

describe('GET /AuthorizationHeaderUnauthenticated with an app profile (client credentials)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture({
      Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
    });
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.emulator.requests.reset());

  const url = (path: string) => `${fixture.sidecar.url}${path}`;
  const ccCount = (tenant?: string) =>
    fixture.emulator.requests.count({
      grantType: 'client_credentials',
      clientId: DEMO.sidecar.clientId,
      tenant,
    });

  it('should return a Bearer app token for the downstream API with its expiry', async () => {
    // Act
    const { status, body, headers } = await getJson(
      url('/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true'),
    );

    // Assert
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/application\/json/);
    expect(String(body.authorizationHeader)).toMatch(/^Bearer ey/);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      aud: DEMO.downstream.clientId,
      azp: DEMO.sidecar.clientId,
      tid: DEMO.tenantId,
    });
    expect(new Date(String(body.expiresOn)).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(body.longRunningWebApiSessionKey).toBeUndefined();
    expect(ccCount()).toBe(1);
  });

  it('should serve a second identical call from the cache with no token request', async () => {
    // Arrange
    const first = await getJson(url('/AuthorizationHeaderUnauthenticated/App'));
    fixture.emulator.requests.reset();

    // Act
    const second = await getJson(url('/AuthorizationHeaderUnauthenticated/App'));

    // Assert
    expect(second.status).toBe(200);
    expect(second.body.authorizationHeader).toBe(first.body.authorizationHeader);
    expect(ccCount()).toBe(0);
  });

  it('should make a new token request for ForceRefresh', async () => {
    // Arrange
    await getJson(url('/AuthorizationHeaderUnauthenticated/App'));
    fixture.emulator.requests.reset();

    // Act
    const forced = await getJson(
      url('/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true'),
    );

    // Assert
    expect(forced.status).toBe(200);
    expect(ccCount()).toBe(1);
  });

  it('should send the token request to the tenant of a tenant override', async () => {
    // Act
    const { status, body } = await getJson(
      url(
        `/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
      ),
    );

    // Assert
    expect(status).toBe(200);
    expect(ccCount(DEMO.partnerTenantId)).toBe(1);
    expect(ccCount(DEMO.tenantId)).toBe(0);
    expect(decodePayload(String(body.authorizationHeader)).tid).toBe(DEMO.partnerTenantId);
  });

  it("should answer an unknown tenant override with 401 and Entra's AADSTS90002 text (spec F.8)", async () => {
    // Act
    const { status, body } = await getJson(
      url(
        '/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.Tenant=no-such-tenant',
      ),
    );

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toMatch(/^AADSTS90002:/);
    expect(ccCount('no-such-tenant')).toBe(0);
  });

  it.each([
    ['a path', '../x'],
    ['a path with a query', 'x/v2.0/.well-known/openid-configuration?'],
    ['3,000 characters', 'a'.repeat(3_000)],
    ['a control character', '\u0001'],
  ])('should answer a tenant override that is %s with a 400, asking Entra nothing', async (_what, tenant) => {
    // Act
    const { status, body } = await getJson(
      url(
        `/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.Tenant=${encodeURIComponent(tenant)}`,
      ),
    );

    // Assert
    expect(status).toBe(400);
    expect(body.detail).toBe(
      'optionsOverride.AcquireTokenOptions.Tenant must be a tenant id (GUID) or a domain name.',
    );
    expect(fixture.emulator.requests.count({})).toBe(0);
  });

  it.each(['common', 'organizations', 'consumers'])(
    'should answer the meta-tenant %s as an app-token tenant override with a 400 (IDW10405)',
    async (tenant) => {
      // Act
      const { status, body } = await getJson(
        url(`/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.Tenant=${tenant}`),
      );

      // Assert
      expect(status).toBe(400);
      expect(String(body.detail)).toContain(`meta-tenant '${tenant}'`);
      expect(ccCount()).toBe(0);
    },
  );

  it('should coalesce 100 concurrent identical cold calls into one token request', async () => {
    // Arrange: a scope nobody asked for yet is a cold key.
    const path = `/AuthorizationHeaderUnauthenticated/App?optionsOverride.Scopes=${encodeURIComponent('https://graph.microsoft.com/.default')}`;

    // Act
    const answers = await Promise.all(Array.from({ length: 100 }, () => getJson(url(path))));

    // Assert
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    expect(new Set(answers.map((answer) => answer.body.authorizationHeader)).size).toBe(1);
    expect(ccCount()).toBe(1);
  });

  it('should answer 400 with a clear detail for an app-token scope override without /.default', async () => {
    // Act
    const { status, body } = await getJson(
      url(
        `/AuthorizationHeaderUnauthenticated/App?optionsOverride.Scopes=${encodeURIComponent(`${DEMO.downstream.uri}/Weather.Read`)}`,
      ),
    );

    // Assert
    expect(status).toBe(400);
    expect(body.detail).toBe(
      `The scope '${DEMO.downstream.uri}/Weather.Read' cannot be used for an app token: it must be of the form 'AppIdUri/.default' (IDW10404).`,
    );
    expect(ccCount()).toBe(0);
  });

  it('should answer 401 with the Entra message when Entra refuses the token request', async () => {
    // Arrange
    fixture.emulator.faults.inject({
      grantType: 'client_credentials',
      kind: 'aadsts',
      code: 7000215,
      error: 'invalid_client',
      status: 401,
      times: 1,
    });

    // Act
    const { status, body, headers } = await getJson(
      url('/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true'),
    );

    // Assert
    expect(status).toBe(401);
    expect(headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(String(body.detail)).toMatch(/^AADSTS7000215/);
  });

  it('should answer 500 without the cause when the authority is down, and log the cause', async () => {
    // Arrange
    fixture.emulator.faults.inject({ grantType: 'client_credentials', kind: 'outage', times: 5 });

    // Act
    const { status, body } = await getJson(
      url('/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true'),
    );

    // Assert
    expect(status).toBe(500);
    expect(body.detail).toBe('An unexpected error occurred.');
    expect(fixture.sidecar.logs.text()).toContain(
      'AuthorizationHeaderAsyncError_CreateAuthorizationHeaderAsync',
    );
    fixture.emulator.faults.clear();
  });

  it('should answer 401 "No account…" for a user profile without an inbound token', async () => {
    // Act
    const { status, body } = await getJson(url('/AuthorizationHeaderUnauthenticated/User'));

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toBe('No account or login hint was passed to the AcquireTokenSilent call.');
  });

  it('should answer 400 "No scopes found" for an unknown profile', async () => {
    // Act
    const { status, body } = await getJson(url('/AuthorizationHeaderUnauthenticated/unknown-api'));

    // Assert
    expect(status).toBe(400);
    expect(body.detail).toBe(
      "No scopes found for the API 'unknown-api' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.",
    );
  });

  // Issue 21: odd API names are answered like any unknown name (the reference's 400), whatever the route sees.
  it.each([
    ['a control character', '%01', '\u0001'],
    ['NUL', '%00', '\u0000'],
    ['a C1 control and a right-to-left override', '%C2%85%E2%80%AE', '\u0085\u202e'],
    ['an emoji', '%F0%9F%98%80', '😀'],
    ['dots', 'a..b.', 'a..b.'],
    ['an encoded slash', 'a%2Fb', 'a/b'],
    ['3,000 characters', 'x'.repeat(3_000), 'x'.repeat(3_000)],
  ])('should answer 400 "No scopes found" for an API name with %s', async (_, segment, name) => {
    // Act
    const { status, body, headers } = await getJson(url(`/AuthorizationHeaderUnauthenticated/${segment}`));

    // Assert
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(body.detail).toBe(
      `No scopes found for the API '${name}' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.`,
    );
  });

  it.each(['%FF', '%E2%80', '%ED%A0%80', '%', '%%41'])(
    'should answer 400 problem+json for an API name %j that is not valid percent-encoded UTF-8',
    async (segment) => {
      // Act
      const { status, body, headers } = await getJson(url(`/AuthorizationHeader/${segment}`));

      // Assert
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(body).toEqual({
        type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
        title: 'Bad Request',
        status: 400,
        detail: 'The request path is not valid: a percent-encoded sequence does not decode to UTF-8.',
        correlationId: headers.get('x-correlation-id'),
      });
    },
  );

  it('should never write the client secret or an issued token to the logs', async () => {
    // Arrange
    const { body } = await getJson(
      url('/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true'),
    );
    const token = String(body.authorizationHeader).replace('Bearer ', '');

    // Act
    const logs = fixture.sidecar.logs.text();

    // Assert
    expect(token.length).toBeGreaterThan(100);
    expect(logs).not.toContain(DEMO.sidecar.secret);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]);
  });

  it('should expose acquisitions by flow and outcome and cache look-ups on /metrics', async () => {
    // Arrange
    await getJson(url('/AuthorizationHeaderUnauthenticated/App'));
    await getJson(url('/AuthorizationHeaderUnauthenticated/App'));

    // Act
    const metrics = await (await fetch(url('/metrics'))).text();

    // Assert
    expect(metrics).toMatch(
      /sidecar_token_acquisitions_total\{flow="client_credentials",outcome="success"\} [1-9]/,
    );
    expect(metrics).toMatch(/sidecar_token_cache_lookups_total\{result="memory"\} [1-9]/);
    expect(metrics).toMatch(/sidecar_token_cache_lookups_total\{result="miss"\} [1-9]/);
    expect(metrics).toContain(
      'sidecar_token_acquisition_duration_seconds_bucket{le="0.001",flow="client_credentials"}',
    );
  });

  it('should answer PopPublicKey on the app path with a pop token bound to the key, never a Bearer token (spec F.5)', async () => {
    // Arrange: the full PoP suite is test/signed-request/pop-tokens.e2e-spec.ts
    const key = Buffer.from(JSON.stringify({ kid: 'caller-key-thumbprint' })).toString('base64url');

    // Act
    const { status, body } = await getJson(
      url(`/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.PopPublicKey=${key}`),
    );

    // Assert
    expect(status).toBe(200);
    expect(String(body.authorizationHeader)).toMatch(/^pop ey/);
    expect(decodePayload(String(body.authorizationHeader)).cnf).toEqual({ kid: 'caller-key-thumbprint' });
    expect(ccCount()).toBe(1);
  });
});
