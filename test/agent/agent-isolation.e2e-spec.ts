import type { EntraEmulator } from '@app/entra-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTokenFixture, type TokenFixture, userToken } from '../token/support/token-fixtures';
import {
  AGENT_GATES,
  AGENTS,
  extraAgentId,
  getHeader,
  startAgentEmulator,
  t1Requests,
  tokenRequests,
} from './support/agent-fixtures';

const AGENT_COUNT = 40;

// Spec I SidecarOptionsIsolationTests 3–4 with real tokens, and the rule that no token or assertion is logged.
describe('agent identities under concurrency', () => {
  let emulator: EntraEmulator;
  let fixture: TokenFixture;

  beforeAll(async () => {
    emulator = await startAgentEmulator(AGENT_COUNT);
    fixture = await startTokenFixture(AGENT_GATES, { emulator });
  });
  afterAll(async () => {
    await fixture.close();
    await emulator.close();
  });
  beforeEach(() => emulator.requests.reset());

  const appHeader = (agentId: string) =>
    getHeader(`${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${agentId}`);

  it('should give each of 40 concurrent agents its own token', async () => {
    // Arrange
    const agents = Array.from({ length: AGENT_COUNT }, (_, index) => extraAgentId(index));

    // Act
    const responses = await Promise.all(agents.map((agentId) => appHeader(agentId)));

    // Assert
    responses.forEach((response, index) => {
      expect(response.status).toBe(200);
      expect(response.claims).toMatchObject({
        azp: agents[index],
        oid: agents[index],
        xms_par_app_azp: AGENTS.blueprint,
      });
    });
    expect(new Set(responses.map((response) => response.token)).size).toBe(AGENT_COUNT);
    expect(t1Requests(emulator)).toHaveLength(AGENT_COUNT);
  });

  it('should coalesce concurrent cold calls of one agent into one T1 and one agent request', async () => {
    // Arrange: a scope nobody asked for yet makes the final token cold; a tenant override makes T1 cold.
    const path = `/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${AGENTS.second}&optionsOverride.AcquireTokenOptions.Tenant=partner.onmicrosoft.com`;

    // Act
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => getHeader(`${fixture.sidecar.url}${path}`)),
    );

    // Assert
    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(new Set(responses.map((response) => response.token)).size).toBe(1);
    expect(tokenRequests(emulator)).toHaveLength(2);
  });

  it('should keep alternating agents and agent flows apart under concurrency', async () => {
    // Arrange
    const inbound = await userToken(emulator);
    const calls = Array.from({ length: 20 }, (_, index) => {
      const agentId = index % 2 === 0 ? AGENTS.first : AGENTS.second;
      return index % 4 < 2
        ? { agentId, call: appHeader(agentId), user: undefined }
        : {
            agentId,
            call: getHeader(
              `${fixture.sidecar.url}/AuthorizationHeader/User?AgentIdentity=${agentId}`,
              inbound,
            ),
            user: 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde',
          };
    });

    // Act
    const responses = await Promise.all(calls.map((entry) => entry.call));

    // Assert
    responses.forEach((response, index) => {
      expect(response.status).toBe(200);
      expect(response.claims?.azp).toBe(calls[index].agentId);
      expect(response.claims?.oid).toBe(calls[index].user ?? calls[index].agentId);
    });
  });

  it('should never log a token, T1 or T2', async () => {
    // Arrange: a success and failures of each leg, so both normal and error logs are written.
    await getHeader(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?AgentIdentity=${AGENTS.first}&AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`,
    );
    emulator.faults.inject({ grantType: 'user_fic', kind: 'aadsts', code: 50013, times: 1 });
    await getHeader(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?AgentIdentity=${AGENTS.first}&AgentUserId=${AGENTS.user.oid}`,
    );
    await getHeader(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=0d0e7a4f-3b5c-4b1e-9d1a-1f2e3d4c5b6a`,
    );

    // Act
    const secrets = emulator.requests
      .list({ kind: 'token' })
      .flatMap((request) => [
        request.form?.client_assertion,
        request.form?.user_federated_identity_credential,
        request.form?.assertion,
      ])
      .filter((value): value is string => typeof value === 'string' && value.length > 0);
    const logs = fixture.sidecar.logs.text();

    // Assert
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    expect(logs).toContain('Acquiring the authorization header failed.');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(logs).not.toContain(secret.split('.')[2]);
    }
    expect(logs).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });
});
