import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from '../support/sidecar';
import {
  DEMO,
  decodePayload,
  emulatorEnv,
  getJson,
  OBO_GRANT,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from './support/token-fixtures';

// Spec section I, as real HTTP against the emulator. "Agent identity applied" is seen at the token endpoint:
// the agent chain starts with the blueprint's T1 request carrying fmi_path=<agent> (spec E.3.1), whatever the
// agent flow answers; "not applied" is a normal token and no such request.
const AGENT_QUERY = `AgentIdentity=${DEMO.agent.id}&AgentUsername=agent-user@demo.onmicrosoft.com`;
const GRAPH_SCOPE = encodeURIComponent('https://graph.microsoft.com/User.Read');
const agentLegs = (emulator: EntraEmulator, agentId: string = DEMO.agent.id) =>
  emulator.requests
    .list({ grantType: 'client_credentials' })
    .filter((request) => request.form?.fmi_path === agentId).length;
const warnings = (fixture: TokenFixture, event: string) =>
  fixture.sidecar.logs.records().filter((record) => record.event === event);

describe('reference cases (spec I) on the authorization-header routes', () => {
  let emulator: EntraEmulator;
  let defaults: TokenFixture;
  let gatesFlipped: TokenFixture;

  beforeAll(async () => {
    emulator = await startEmulator();
    defaults = await startTokenFixture(
      { DownstreamApis__test__BaseUrl: 'https://api.example.com/' },
      { emulator },
    );
    gatesFlipped = await startTokenFixture(
      {
        Sidecar__AllowOverrides__GetAuthorizationHeader: 'false',
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      },
      { emulator },
    );
  });
  afterAll(async () => {
    await defaults?.close();
    await gatesFlipped?.close();
    await emulator?.close();
  });

  const bearer = async () => ({ authorization: `Bearer ${await userToken(emulator)}` });

  describe('AgentOverrideGatingTests', () => {
    it('1: gate on → the agent identity reaches acquisition', async () => {
      emulator.requests.reset();
      await getJson(`${defaults.sidecar.url}/AuthorizationHeader/User?${AGENT_QUERY}`, await bearer());
      expect(agentLegs(emulator)).toBeGreaterThan(0);
    });

    it('2: gate off → 200 with a normal OBO token, agent identity ignored with a warning', async () => {
      emulator.requests.reset();
      const { status, body } = await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeader/User?${AGENT_QUERY}`,
        await bearer(),
      );
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).oid).toBe(DEMO.user.oid);
      expect(agentLegs(emulator)).toBe(0);
      expect(warnings(gatesFlipped, 'AgentIdentityOverridesIgnored').at(-1)).toMatchObject({
        eventId: 5,
        route: 'AuthorizationHeader',
      });
    });

    it('3: unauthenticated route, default gate → 200, agent identity not applied', async () => {
      emulator.requests.reset();
      const { status } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeaderUnauthenticated/App?${AGENT_QUERY}`,
      );
      expect(status).toBe(200);
      expect(agentLegs(emulator)).toBe(0);
      expect(warnings(defaults, 'AgentIdentityOverridesIgnored').at(-1)).toMatchObject({
        route: 'AuthorizationHeaderUnauthenticated',
      });
    });

    it('4: unauthenticated route, gate on → agent identity applied', async () => {
      emulator.requests.reset();
      await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${DEMO.agent.id}`,
      );
      expect(agentLegs(emulator)).toBeGreaterThan(0);
    });
  });

  describe('AuthorizationHeaderEndpointTests', () => {
    it('1: an invalid bearer token → 401', async () => {
      const { status } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeader/test?OptionsOverride.Scopes=scopes`,
        {
          authorization: 'Bearer invalid-token',
        },
      );
      expect(status).toBe(401);
    });

    it.each(['non-existent-api', 'unknown'])(
      '2–3: unknown profile %s → 400 "No scopes found"',
      async (name) => {
        const { status, body } = await getJson(
          `${defaults.sidecar.url}/AuthorizationHeader/${name}`,
          await bearer(),
        );
        expect(status).toBe(400);
        expect(String(body.detail)).toContain('No scopes found');
      },
    );

    it('4: a profile without scopes → 400 naming the profile', async () => {
      const { status, body } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeader/test`,
        await bearer(),
      );
      expect(status).toBe(400);
      expect(String(body.detail)).toContain("No scopes found for the API 'test'");
    });

    it('5: a credential that cannot be loaded → 500 "An unexpected error occurred."', async () => {
      // Arrange
      const broken = await startSidecar({
        env: emulatorEnv(emulator, {
          AzureAd__ClientCredentials__0__SourceType: 'Path',
          AzureAd__ClientCredentials__0__CertificateDiskPath: '/nonexistent/sidecar.pfx',
        }),
      });
      try {
        // Act
        const { status, body } = await getJson(`${broken.url}/AuthorizationHeader/User`, await bearer());

        // Assert
        expect(status).toBe(500);
        expect(body.detail).toBe('An unexpected error occurred.');
        expect(broken.logs.text()).toContain('No client credential could be loaded');
      } finally {
        await broken.close();
      }
    });
  });

  describe('MockedEndToEndTests', () => {
    it('1: an unvalidated token → 401 (real validation rejects it)', async () => {
      const { status } = await getJson(`${defaults.sidecar.url}/AuthorizationHeader/App`, {
        authorization: 'Bearer token',
      });
      expect(status).toBe(401);
    });
  });

  describe('SidecarOverrideGatingTests', () => {
    it('1: gate on → the scope override is used', async () => {
      const { status, body } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeader/User?optionsOverride.Scopes=${GRAPH_SCOPE}`,
        await bearer(),
      );
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).aud).toBe('https://graph.microsoft.com');
    });

    it('2: gate off → the profile scope is used and a warning names the route', async () => {
      const { status, body } = await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeader/User?optionsOverride.Scopes=${GRAPH_SCOPE}`,
        await bearer(),
      );
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).aud).toBe(DEMO.downstream.clientId);
      expect(warnings(gatesFlipped, 'OverridesIgnored').at(-1)).toMatchObject({
        eventId: 3,
        route: 'AuthorizationHeader',
      });
    });

    it('3: unauthenticated route, default gate → the override is not applied', async () => {
      const graph = encodeURIComponent('https://graph.microsoft.com/.default');
      const { status, body } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.Scopes=${graph}`,
      );
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).aud).toBe(DEMO.downstream.clientId);
    });

    it('4: unauthenticated route, gate on → the override is applied', async () => {
      const graph = encodeURIComponent('https://graph.microsoft.com/.default');
      const { status, body } = await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.Scopes=${graph}`,
      );
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).aud).toBe('https://graph.microsoft.com');
    });

    it('logs BaseUrlOverrideIgnored whatever the gate', async () => {
      await getJson(
        `${defaults.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.BaseUrl=https://evil.example.com`,
      );
      expect(warnings(defaults, 'BaseUrlOverrideIgnored').at(-1)).toMatchObject({ eventId: 4 });
    });
  });

  describe('SidecarIntegrationTests', () => {
    it('2: unauthenticated route, default gate, scope only in the override → 400 "No scopes found" (decision on the stale case)', async () => {
      const { status, body } = await getJson(
        `${defaults.sidecar.url}/AuthorizationHeaderUnauthenticated/test?OptionsOverride.Scopes=scopes`,
      );
      expect(status).toBe(400);
      expect(String(body.detail)).toContain("No scopes found for the API 'test'");
    });

    it('6: POST /AuthorizationHeader/test → 405', async () => {
      const response = await fetch(`${defaults.sidecar.url}/AuthorizationHeader/test`, { method: 'POST' });
      expect(response.status).toBe(405);
    });
  });

  it('OBO tenant defaults to the inbound token tid', async () => {
    emulator.requests.reset();
    await getJson(`${defaults.sidecar.url}/AuthorizationHeader/User`, await bearer());
    expect(emulator.requests.count({ grantType: OBO_GRANT, tenant: DEMO.tenantId })).toBe(1);
  });
});
