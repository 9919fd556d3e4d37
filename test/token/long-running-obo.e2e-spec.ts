import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO,
  decodePayload,
  getJson,
  OBO_GRANT,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from './support/token-fixtures';

const LRO_KEY = 'optionsOverride.AcquireTokenOptions.LongRunningWebApiSessionKey';
const FORCE = 'optionsOverride.AcquireTokenOptions.ForceRefresh=true';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// Spec F.4 (memory only; the Redis file covers restarts). Validation's clock skew is 1 s so a 3 s inbound
// token really expires during the test.
describe('long-running OBO', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture({
      Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      Sidecar__Validation__ClockSkew: '1',
    });
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.emulator.requests.reset());

  it('should allocate a session key, then get tokens from the session after the inbound token expired', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator, 'demo-user', { expiresIn: 3 });

    // Act
    const started = await getJson(
      `${fixture.sidecar.url}/AuthorizationHeader/User?${LRO_KEY}=AllocateForMe`,
      {
        authorization: `Bearer ${inbound}`,
      },
    );
    await sleep(4_500);
    const key = String(started.body.longRunningWebApiSessionKey);
    const refused = await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User`, {
      authorization: `Bearer ${inbound}`,
    });
    const later = await getJson(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?${LRO_KEY}=${encodeURIComponent(key)}&${FORCE}`,
      { authorization: `Bearer ${inbound}` },
    );

    // Assert
    expect(started.status).toBe(200);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(refused.status).toBe(401);
    expect(later.status).toBe(200);
    expect(later.body.longRunningWebApiSessionKey).toBeUndefined();
    expect(decodePayload(String(later.body.authorizationHeader))).toMatchObject({
      oid: DEMO.user.oid,
      scp: 'Weather.Read',
    });
    expect(fixture.emulator.requests.count({ grantType: OBO_GRANT })).toBe(1);
    expect(fixture.emulator.requests.count({ grantType: 'refresh_token' })).toBe(1);
  }, 30_000);

  it('should continue a session with a caller-chosen key from the cache, without new requests', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);
    const path = `/AuthorizationHeader/User?${LRO_KEY}=caller-session-1`;
    const first = await getJson(`${fixture.sidecar.url}${path}`, { authorization: `Bearer ${inbound}` });

    // Act
    const again = await getJson(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?${LRO_KEY}=caller-session-1`,
    );

    // Assert
    expect(first.status).toBe(200);
    expect(first.body.longRunningWebApiSessionKey).toBeUndefined();
    expect(again.body.authorizationHeader).toBe(first.body.authorizationHeader);
    expect(fixture.emulator.requests.count({ kind: 'token' })).toBe(1);
  });

  it('should answer 401 "No account…" for an unknown session without an inbound token', async () => {
    // Act
    const { status, body } = await getJson(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?${LRO_KEY}=never-started`,
    );

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toBe('No account or login hint was passed to the AcquireTokenSilent call.');
  });

  it('should answer 401 with the Entra message when the session refresh token expired', async () => {
    // Arrange
    await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User?${LRO_KEY}=expiring-session`, {
      authorization: `Bearer ${await userToken(fixture.emulator)}`,
    });
    fixture.emulator.expireRefreshTokens();

    // Act
    const { status, body } = await getJson(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?${LRO_KEY}=expiring-session&${FORCE}`,
    );

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toMatch(/^AADSTS700082/);
  });

  // Issue 21 (found by the fuzz test): claims that are not a JSON object reached msal's refresh-token request,
  // which refused them with a 500. They are the caller's 400 on every path, before any token request.
  it.each(['demo.onmicrosoft.com', '[]', '1', '{"unterminated'])(
    'should answer 400 for a Claims override %j that is not a JSON object, sending nothing',
    async (claims) => {
      // Arrange
      const inbound = await userToken(fixture.emulator);
      const session = `claims-session-${claims.length}`;
      await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User?${LRO_KEY}=${session}`, {
        authorization: `Bearer ${inbound}`,
      });
      fixture.emulator.requests.reset();
      const query = `${LRO_KEY}=${session}&optionsOverride.AcquireTokenOptions.Claims=${encodeURIComponent(claims)}`;

      // Act
      const continued = await getJson(
        `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?${query}`,
      );
      const started = await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User?${query}`, {
        authorization: `Bearer ${inbound}`,
      });

      // Assert
      for (const answer of [continued, started]) {
        expect(answer.status).toBe(400);
        expect(answer.body.detail).toBe(
          'optionsOverride.AcquireTokenOptions.Claims must be a JSON object (a claims request such as a decoded claims challenge).',
        );
      }
      expect(fixture.emulator.requests.count({ path: /\/token$/ })).toBe(0);
    },
  );

  it("should never serve one user's session token to another user's token with the same key", async () => {
    // Arrange
    const path = `/AuthorizationHeader/User?${LRO_KEY}=shared-session-key`;
    const first = await getJson(`${fixture.sidecar.url}${path}`, {
      authorization: `Bearer ${await userToken(fixture.emulator)}`,
    });

    // Act
    const other = await getJson(`${fixture.sidecar.url}${path}`, {
      authorization: `Bearer ${await userToken(fixture.emulator, 'other-user')}`,
    });

    // Assert
    expect([first.status, other.status]).toEqual([200, 200]);
    expect(decodePayload(String(other.body.authorizationHeader)).oid).not.toBe(DEMO.user.oid);
    expect(fixture.emulator.requests.count({ grantType: OBO_GRANT })).toBe(2);
  });
});
