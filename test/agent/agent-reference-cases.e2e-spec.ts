import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DownstreamServer, startDownstream } from '@app/testing';
import {
  DEMO,
  decodePayload,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from '../token/support/token-fixtures';
import { AGENT_GATES, AGENTS, getHeader } from './support/agent-fixtures';

const GRAPH_USER_READ = 'https://graph.microsoft.com/User.Read';
const AGENT_USER = `AgentIdentity=${AGENTS.first}&AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`;

// Spec section I, the agent cases, with real agent tokens: AgentOverrideGatingTests, SidecarOptionsIsolationTests
// 3 and 5, SidecarEndpointsE2ETests 3–11 (lab tenant → emulator; stale expectations updated for the 1.1.0 gates).
describe('spec I: agent reference cases', () => {
  let downstream: DownstreamServer;
  let gated: TokenFixture;
  let defaults: TokenFixture;

  const profiles = (url: string): Record<string, string> => ({
    DownstreamApis__MsGraph__Scopes__0: GRAPH_USER_READ,
    DownstreamApis__Weather__BaseUrl: `${url}/`,
    DownstreamApis__Weather__RelativePath: 'weather',
    DownstreamApis__Weather__RequestAppToken: 'true',
    DownstreamApis__Weather__Scopes__0: 'api://demo-downstream/.default',
    DownstreamApis__WeatherUser__BaseUrl: `${url}/`,
    DownstreamApis__WeatherUser__Scopes__0: 'api://demo-downstream/Weather.Read',
  });

  beforeAll(async () => {
    downstream = await startDownstream();
    gated = await startTokenFixture({
      ...AGENT_GATES,
      Sidecar__AllowOverrides__CallDownstreamApi: 'true',
      Sidecar__AllowOverrides__CallDownstreamApiUnauthenticated: 'true',
      ...profiles(downstream.url),
    });
    defaults = await startTokenFixture(
      { Sidecar__AllowOverrides__CallDownstreamApi: 'false', ...profiles(downstream.url) },
      { emulator: gated.emulator },
    );
  });
  afterAll(async () => {
    await defaults?.close();
    await gated?.close();
    await downstream?.close();
  });
  beforeEach(() => gated.emulator.requests.reset());

  const bearer = () => userToken(gated.emulator);
  const post = async (fixture: TokenFixture, path: string, token?: string) => {
    const response = await fetch(`${fixture.sidecar.url}${path}`, {
      method: 'POST',
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const lastDownstreamToken = () =>
    decodePayload(downstream.header(downstream.received.length - 1, 'authorization')[0]);

  describe('AgentOverrideGatingTests', () => {
    it('1: gate on → /AuthorizationHeader returns the agent user token', async () => {
      const { status, claims } = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeader/MsGraph?${AGENT_USER}`,
        await bearer(),
      );
      expect(status).toBe(200);
      // Graph tokens are v1: the client is `appid`.
      expect(claims).toMatchObject({ oid: AGENTS.user.oid, appid: AGENTS.first });
    });

    it('3: default gate on the anonymous route → the blueprint app token, agent not applied', async () => {
      const { status, claims } = await getHeader(
        `${defaults.sidecar.url}/AuthorizationHeaderUnauthenticated/Weather?AgentIdentity=${AGENTS.first}`,
      );
      expect(status).toBe(200);
      expect(claims?.azp).toBe(AGENTS.blueprint);
    });

    it('4: gate on the anonymous route → the agent user token', async () => {
      const { status, claims } = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/MsGraph?${AGENT_USER}`,
      );
      expect(status).toBe(200);
      expect(claims?.oid).toBe(AGENTS.user.oid);
    });

    it('5: CallDownstreamApi gate off → the downstream API gets the caller OBO token, no agent', async () => {
      const { status } = await post(defaults, `/DownstreamApi/WeatherUser?${AGENT_USER}`, await bearer());
      expect(status).toBe(200);
      expect(lastDownstreamToken()).toMatchObject({ azp: AGENTS.blueprint, oid: DEMO.user.oid });
    });

    it('6: default gate on /DownstreamApiUnauthenticated → the blueprint app token', async () => {
      const { status } = await post(
        defaults,
        `/DownstreamApiUnauthenticated/Weather?AgentIdentity=${AGENTS.first}`,
      );
      expect(status).toBe(200);
      expect(lastDownstreamToken().azp).toBe(AGENTS.blueprint);
    });

    it('5/6 with the gates on: the downstream API gets the agent tokens', async () => {
      const user = await post(gated, `/DownstreamApi/WeatherUser?${AGENT_USER}`, await bearer());
      const userClaims = lastDownstreamToken();
      const app = await post(gated, `/DownstreamApiUnauthenticated/Weather?AgentIdentity=${AGENTS.second}`);
      expect([user.status, app.status]).toEqual([200, 200]);
      expect(userClaims).toMatchObject({ oid: AGENTS.user.oid, azp: AGENTS.first });
      expect(lastDownstreamToken()).toMatchObject({ azp: AGENTS.second, xms_par_app_azp: AGENTS.blueprint });
    });
  });

  describe('SidecarOptionsIsolationTests', () => {
    it('3: an agent request does not leak into the next request on the same profile', async () => {
      const token = await bearer();
      const withAgent = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/WeatherUser?${AGENT_USER}`,
      );
      const without = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/WeatherUser`,
        token,
      );
      expect(withAgent.claims?.oid).toBe(AGENTS.user.oid);
      expect(without.claims).toMatchObject({ azp: AGENTS.blueprint, oid: DEMO.user.oid });
    });

    it('5: the same on /DownstreamApiUnauthenticated', async () => {
      await post(gated, `/DownstreamApiUnauthenticated/Weather?AgentIdentity=${AGENTS.first}`);
      const agentClaims = lastDownstreamToken();
      await post(gated, '/DownstreamApiUnauthenticated/Weather');
      expect(agentClaims.azp).toBe(AGENTS.first);
      expect(lastDownstreamToken().azp).toBe(AGENTS.blueprint);
    });
  });

  describe('SidecarEndpointsE2ETests', () => {
    it('3–5: agent user by username (twice) and by user id with a caller token → 200', async () => {
      const token = await bearer();
      const byName = `agentidentity=${AGENTS.first}&agentUsername=${encodeURIComponent(AGENTS.user.upn)}`;
      const results = [
        await getHeader(`${gated.sidecar.url}/AuthorizationHeader/MsGraph?${byName}`, token),
        await getHeader(`${gated.sidecar.url}/AuthorizationHeader/MsGraph?${byName}`, token),
        await getHeader(
          `${gated.sidecar.url}/AuthorizationHeader/MsGraph?agentidentity=${AGENTS.first}&agentUserId=${AGENTS.user.oid}`,
          token,
        ),
      ];
      expect(results.map((result) => result.status)).toEqual([200, 200, 200]);
      expect(results.map((result) => result.claims?.oid)).toEqual([
        AGENTS.user.oid,
        AGENTS.user.oid,
        AGENTS.user.oid,
      ]);
      expect(results[0].claims?.aud).toBe('https://graph.microsoft.com');
    });

    it('6–7: the same on the anonymous route with its gate on → 200', async () => {
      const byName = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/MsGraph?${AGENT_USER}`,
      );
      const byId = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/MsGraph?AgentIdentity=${AGENTS.first}&AgentUserId=${AGENTS.user.oid}`,
      );
      expect([byName.status, byId.status]).toEqual([200, 200]);
    });

    it('8: agent user with tenant and scope overrides → Bearer ey…', async () => {
      const { status, body } = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/AgentUserIdentityCallsGraph?${AGENT_USER}` +
          `&OptionsOverride.AcquireTokenOptions.Tenant=${DEMO.tenantId}&OptionsOverride.Scopes=${encodeURIComponent(GRAPH_USER_READ)}`,
      );
      expect(status).toBe(200);
      expect(String(body.authorizationHeader)).toMatch(/^Bearer ey/);
    });

    it('9–10: POST /DownstreamApi with agent parameters and no Authorization → 401', async () => {
      const byName = await post(gated, `/DownstreamApi/MsGraph?${AGENT_USER}`);
      const byId = await post(
        gated,
        `/DownstreamApi/MsGraph?AgentIdentity=${AGENTS.first}&AgentUserId=${AGENTS.user.oid}`,
      );
      expect([byName.status, byId.status]).toEqual([401, 401]);
      expect(gated.emulator.requests.count({ kind: 'token' })).toBe(0);
    });

    it('11: an unknown tenant override → 401 with AADSTS90002', async () => {
      const { status, body } = await getHeader(
        `${gated.sidecar.url}/AuthorizationHeaderUnauthenticated/AgentUserIdentityCallsGraph?${AGENT_USER}` +
          `&OptionsOverride.AcquireTokenOptions.Tenant=invalid-tenant&OptionsOverride.Scopes=${encodeURIComponent(GRAPH_USER_READ)}`,
      );
      expect(status).toBe(401);
      expect(String(body.detail)).toMatch(/^AADSTS90002:/);
    });
  });
});
