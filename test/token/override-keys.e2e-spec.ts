import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
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

const GRAPH_SCOPE = encodeURIComponent('https://graph.microsoft.com/User.Read');
const GRAPH_APP_SCOPE = encodeURIComponent('https://graph.microsoft.com/.default');

// Sidecar:AllowOverrides:Keys (issue 21): a platform lets callers pick scopes and force a refresh, but not the
// app token, another tenant, a managed identity or an agent identity. Keys the list leaves out are ignored
// with a warning, as the reference ignores every override when a route's gate is closed.
describe('Sidecar:AllowOverrides:Keys on the authorization-header routes', () => {
  let emulator: EntraEmulator;
  let scopesOnly: TokenFixture;
  let tokenOptions: TokenFixture;

  beforeAll(async () => {
    emulator = await startEmulator();
    const gates = { Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true' };
    scopesOnly = await startTokenFixture(
      {
        ...gates,
        Sidecar__AllowOverrides__Keys: 'Scopes AcquireTokenOptions:ForceRefresh',
        DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
      },
      { emulator },
    );
    // A section stands for all its keys; as an array, the form appsettings.json and indexed env vars give.
    tokenOptions = await startTokenFixture(
      {
        ...gates,
        Sidecar__AllowOverrides__Keys__0: 'AcquireTokenOptions',
        Sidecar__AllowOverrides__Keys__1: 'AgentIdentity',
      },
      { emulator },
    );
  });
  afterAll(async () => {
    await scopesOnly?.close();
    await tokenOptions?.close();
    await emulator?.close();
  });
  beforeEach(() => emulator.requests.reset());

  const bearer = async () => ({ authorization: `Bearer ${await userToken(emulator)}` });
  const ignoredWarnings = (fixture: TokenFixture, event: string) =>
    fixture.sidecar.logs.records().filter((record) => record.event === event && Array.isArray(record.keys));

  it('should honour a listed key: the scope override gives a token for Graph', async () => {
    // Act
    const { status, body } = await getJson(
      `${scopesOnly.sidecar.url}/AuthorizationHeader/User?optionsOverride.Scopes=${GRAPH_SCOPE}`,
      await bearer(),
    );

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      aud: 'https://graph.microsoft.com',
      oid: DEMO.user.oid,
    });
  });

  it('should honour a listed key under a section: ForceRefresh makes a new token request', async () => {
    // Arrange
    const url = `${scopesOnly.sidecar.url}/AuthorizationHeader/User`;
    const headers = await bearer();
    await getJson(url, headers);
    emulator.requests.reset();

    // Act
    const refreshed = await getJson(`${url}?optionsOverride.AcquireTokenOptions.ForceRefresh=true`, headers);

    // Assert
    expect(refreshed.status).toBe(200);
    expect(emulator.requests.count({ grantType: OBO_GRANT })).toBe(1);
  });

  it('should ignore RequestAppToken, Tenant and ManagedIdentity when not listed, with a warning naming them', async () => {
    // Arrange
    const query = [
      'optionsOverride.RequestAppToken=true',
      `optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
      `optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId=${DEMO.userAssignedIdentity.clientId}`,
      `optionsOverride.Scopes=${GRAPH_SCOPE}`,
    ].join('&');

    // Act
    const { status, body } = await getJson(
      `${scopesOnly.sidecar.url}/AuthorizationHeader/User?${query}`,
      await bearer(),
    );

    // Assert: the user's on-behalf-of token in the home tenant, with the listed scope override honoured.
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      aud: 'https://graph.microsoft.com',
      oid: DEMO.user.oid,
      tid: DEMO.tenantId,
    });
    expect(emulator.requests.count({ grantType: 'client_credentials' })).toBe(0);
    expect(emulator.requests.count({ kind: 'managed-identity' })).toBe(0);
    expect(emulator.requests.count({ tenant: DEMO.partnerTenantId })).toBe(0);
    const warning = ignoredWarnings(scopesOnly, 'OverridesIgnored').at(-1);
    expect(warning).toMatchObject({
      eventId: 3,
      route: 'AuthorizationHeader',
      keys: [
        'RequestAppToken',
        'AcquireTokenOptions.Tenant',
        'AcquireTokenOptions.ManagedIdentity.UserAssignedClientId',
      ],
    });
    expect(warning?.msg).toMatch(/not listed in Sidecar:AllowOverrides:Keys/);
  });

  it('should ignore the agent parameters when not listed: a normal token and no agent request', async () => {
    // Act
    const { status, body } = await getJson(
      `${scopesOnly.sidecar.url}/AuthorizationHeader/User?AgentIdentity=${DEMO.agent.id}`,
      await bearer(),
    );

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader)).azp).toBe(DEMO.sidecar.clientId);
    expect(emulator.requests.list({ grantType: 'client_credentials' })).toEqual([]);
    expect(ignoredWarnings(scopesOnly, 'AgentIdentityOverridesIgnored').at(-1)).toMatchObject({
      eventId: 5,
      keys: ['AgentIdentity'],
    });
  });

  it('should apply the list on the anonymous route too: an app profile keeps its own scope', async () => {
    // Act
    const { status, body } = await getJson(
      `${tokenOptions.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.Scopes=${GRAPH_APP_SCOPE}`,
    );

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader)).aud).toBe(DEMO.downstream.clientId);
    expect(ignoredWarnings(tokenOptions, 'OverridesIgnored').at(-1)).toMatchObject({
      route: 'AuthorizationHeaderUnauthenticated',
      keys: ['Scopes'],
    });
  });

  it('should honour every key of a listed section and a listed agent parameter', async () => {
    // Act
    const tenant = await getJson(
      `${tokenOptions.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
    );
    const agent = await getJson(
      `${tokenOptions.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${DEMO.agent.id}`,
    );

    // Assert
    expect(tenant.status).toBe(200);
    expect(decodePayload(String(tenant.body.authorizationHeader)).tid).toBe(DEMO.partnerTenantId);
    expect(agent.status).toBe(200);
    expect(decodePayload(String(agent.body.authorizationHeader)).azp).toBe(DEMO.agent.id);
  });
});
