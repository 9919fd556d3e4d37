import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO,
  decodePayload,
  getJson,
  OBO_GRANT,
  oboRequests,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from './support/token-fixtures';

describe('GET /AuthorizationHeader with a user profile (on-behalf-of)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture();
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.emulator.requests.reset();
    fixture.emulator.faults.clear();
  });

  const call = async (path: string, token: string) =>
    getJson(`${fixture.sidecar.url}${path}`, { authorization: `Bearer ${token}` });
  const oboCount = (tenant?: string) => oboRequests(fixture, tenant);

  it('should exchange the inbound user token for a delegated downstream token', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status, body } = await call('/AuthorizationHeader/User', inbound);

    // Assert
    expect(status).toBe(200);
    expect(String(body.authorizationHeader)).toMatch(/^Bearer ey/);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      aud: DEMO.downstream.clientId,
      oid: DEMO.user.oid,
      scp: 'Weather.Read',
      azp: DEMO.sidecar.clientId,
    });
    expect(fixture.emulator.requests.lastTokenRequest({ grantType: OBO_GRANT })?.form).toMatchObject({
      assertion: inbound,
      requested_token_use: 'on_behalf_of',
    });
    expect(oboCount(DEMO.tenantId)).toBe(1);
  });

  it('should answer the same user from the cache and make a new request for another user', async () => {
    // Arrange
    const first = await userToken(fixture.emulator);
    await call('/AuthorizationHeader/User', first);
    fixture.emulator.requests.reset();

    // Act
    const again = await call('/AuthorizationHeader/User', first);
    const cachedCount = oboCount();
    const other = await call('/AuthorizationHeader/User', await userToken(fixture.emulator, 'other-user'));

    // Assert
    expect(again.status).toBe(200);
    expect(cachedCount).toBe(0);
    expect(other.status).toBe(200);
    expect(decodePayload(String(other.body.authorizationHeader)).oid).not.toBe(DEMO.user.oid);
    expect(oboCount()).toBe(1);
  });

  it('should make a new request for ForceRefresh', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);
    await call('/AuthorizationHeader/User', inbound);
    fixture.emulator.requests.reset();

    // Act
    const { status } = await call(
      '/AuthorizationHeader/User?optionsOverride.AcquireTokenOptions.ForceRefresh=true',
      inbound,
    );

    // Assert
    expect(status).toBe(200);
    expect(oboCount()).toBe(1);
  });

  it('should answer later calls with the token a ForceRefresh fetched', async () => {
    // Arrange: the second plain call is served from what the first one left behind
    const inbound = await userToken(fixture.emulator);
    const header = async (path: string) => String((await call(path, inbound)).body.authorizationHeader);
    const first = await header('/AuthorizationHeader/User');
    const again = await header('/AuthorizationHeader/User');

    // Act
    const forced = await header(
      '/AuthorizationHeader/User?optionsOverride.AcquireTokenOptions.ForceRefresh=true',
    );
    const after = await header('/AuthorizationHeader/User');

    // Assert
    expect(again).toBe(first);
    expect(forced).not.toBe(first);
    expect(after).toBe(forced);
  });

  it("should send the token request to the tenant override's path", async () => {
    // Act
    await call(
      `/AuthorizationHeader/User?optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
      await userToken(fixture.emulator),
    );

    // Assert
    expect(oboCount(DEMO.partnerTenantId)).toBe(1);
    expect(oboCount(DEMO.tenantId)).toBe(0);
  });

  it('should pass Claims and the correlation id to Entra', async () => {
    // Arrange
    const correlationId = '6f1f8a9c-1f7e-4d83-9f6c-2a3b4c5d6e7f';
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';

    // Act
    const { status } = await call(
      `/AuthorizationHeader/User?optionsOverride.AcquireTokenOptions.Claims=${encodeURIComponent(claims)}` +
        `&optionsOverride.AcquireTokenOptions.CorrelationId=${correlationId}`,
      await userToken(fixture.emulator),
    );

    // Assert
    const sent = fixture.emulator.requests.lastTokenRequest({ grantType: OBO_GRANT });
    expect(status).toBe(200);
    expect(JSON.parse(String(sent?.form?.claims))).toMatchObject(JSON.parse(claims));
    const sentId =
      sent?.form?.['client-request-id'] ??
      sent?.query['client-request-id'] ??
      sent?.headers['client-request-id'];
    expect(sentId).toBe(correlationId);
  });

  it('should answer 401 with the AADSTS text when Entra asks for consent or MFA', async () => {
    // Arrange
    fixture.emulator.faults.inject({
      grantType: OBO_GRANT,
      kind: 'aadsts',
      code: 50076,
      error: 'interaction_required',
      description:
        'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.',
      times: 1,
    });

    // Act
    const { status, body } = await call('/AuthorizationHeader/User', await userToken(fixture.emulator));

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toContain(
      'AADSTS50076: Due to a configuration change made by your administrator',
    );
  });

  it('should answer 401 with an empty problem-free challenge for an invalid inbound token', async () => {
    // Act
    const { status, headers } = await call(
      '/AuthorizationHeader/User?OptionsOverride.Scopes=scopes',
      'invalid-token',
    );

    // Assert
    expect(status).toBe(401);
    expect(headers.get('www-authenticate')).toContain('invalid_token');
    expect(oboCount()).toBe(0);
  });

  it('should answer 401 without a token on the authenticated route', async () => {
    // Act
    const { status } = await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User`);

    // Assert
    expect(status).toBe(401);
  });

  it('should use a valid inbound token on the anonymous route for OBO', async () => {
    // Act
    const { status, body } = await call(
      '/AuthorizationHeaderUnauthenticated/User',
      await userToken(fixture.emulator),
    );

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader)).oid).toBe(DEMO.user.oid);
  });

  it('should ignore an invalid inbound token on the anonymous route and answer "No account…"', async () => {
    // Act
    const { status, body } = await call('/AuthorizationHeaderUnauthenticated/User', 'invalid-token');

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toBe('No account or login hint was passed to the AcquireTokenSilent call.');
  });

  it('should never log the inbound assertion or the issued token', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { body } = await call(
      '/AuthorizationHeader/User?optionsOverride.AcquireTokenOptions.ForceRefresh=true',
      inbound,
    );

    // Assert
    const logs = fixture.sidecar.logs.text();
    expect(logs).not.toContain(inbound.split('.')[2]);
    expect(logs).not.toContain(String(body.authorizationHeader).split('.')[2]);
    expect(logs).not.toContain(DEMO.sidecar.secret);
  });

  it('should coalesce 100 concurrent cold calls of one user into one OBO request', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => call('/AuthorizationHeader/User', inbound)),
    );

    // Assert
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(new Set(answers.map((answer) => answer.body.authorizationHeader)).size).toBe(1);
    expect(oboCount()).toBe(1);
  });
});
