import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, startTokenFixture, type TokenFixture } from '../token/support/token-fixtures';
import { AGENT_GATES, AGENTS, getHeader, t1Requests, tokenRequests } from './support/agent-fixtures';

// Spec C.3 step 7 for the agent legs, and E.2's unsupported combination (K.16).
describe('agent identity errors', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture(AGENT_GATES);
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.emulator.requests.reset();
    fixture.emulator.faults.clear();
  });

  const header = (profile: string, query: string) =>
    getHeader(`${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/${profile}?${query}`);

  it('should answer 401 with the AADSTS text for an agent identity Entra does not know', async () => {
    // Arrange
    const unknown = '0d0e7a4f-3b5c-4b1e-9d1a-1f2e3d4c5b6a';

    // Act
    const { status, body } = await header('App', `AgentIdentity=${unknown}`);

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toMatch(/^AADSTS700016:/);
    expect(body.detail).toContain(unknown);
    expect(body.title).toBeDefined();
  });

  it('should answer 401 with the AADSTS text for an agent user the agent does not own', async () => {
    // Act: demo-agent-2 has no agent user; the demo agent user belongs to demo-agent.
    const { status, body } = await header(
      'User',
      `AgentIdentity=${AGENTS.second}&AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`,
    );

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toMatch(/^AADSTS50034:/);
  });

  it('should answer 500 An unexpected error occurred. when the first leg cannot reach Entra', async () => {
    // Arrange
    fixture.emulator.faults.inject({
      clientId: AGENTS.blueprint,
      grantType: 'client_credentials',
      kind: 'outage',
      times: 5,
    });

    // Act: a tenant override makes this a cold T1 for sure.
    const { status, body } = await header(
      'App',
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}&optionsOverride.Scopes=${encodeURIComponent('https://graph.microsoft.com/.default')}`,
    );

    // Assert
    expect(status).toBe(500);
    expect(body.detail).toBe('An unexpected error occurred.');
    expect(fixture.emulator.requests.count({ kind: 'token', clientId: AGENTS.first })).toBe(0);
  });

  it('should recover once Entra answers again (a failed T1 is not cached)', async () => {
    // Arrange
    fixture.emulator.faults.inject({
      clientId: AGENTS.blueprint,
      grantType: 'client_credentials',
      kind: 'outage',
      times: 1,
    });
    const query = `AgentIdentity=${AGENTS.second}&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`;
    const failed = await header('App', query);

    // Act
    const recovered = await header('App', query);

    // Assert
    expect(failed.status).toBe(500);
    expect(recovered.status).toBe(200);
    expect(recovered.claims?.azp).toBe(AGENTS.second);
  });

  it('should answer 401 with the AADSTS text when Entra refuses T1 (the blueprint leg)', async () => {
    // Arrange
    fixture.emulator.faults.inject({
      clientId: AGENTS.blueprint,
      grantType: 'client_credentials',
      kind: 'aadsts',
      code: 7000215,
      times: 1,
    });

    // Act: a tenant and scope no other test used make T1 and the final token cold.
    const { status, body } = await header(
      'App',
      `AgentIdentity=${AGENTS.second}&optionsOverride.AcquireTokenOptions.Tenant=partner.onmicrosoft.com&optionsOverride.Scopes=${encodeURIComponent('https://graph.microsoft.com/.default')}`,
    );

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toMatch(/^AADSTS7000215/);
    expect(fixture.emulator.requests.count({ kind: 'token', clientId: AGENTS.second })).toBe(0);
  });

  it('should answer 401 with the AADSTS text when the agent leg is refused', async () => {
    // Arrange
    fixture.emulator.faults.inject({ clientId: AGENTS.first, kind: 'aadsts', code: 7000215, times: 1 });

    // Act
    const { status, body } = await header(
      'App',
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
    );

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toMatch(/^AADSTS7000215/);
  });

  it('should answer 400 for agent user parameters on an app profile, with no token request', async () => {
    // Act
    const { status, body } = await header(
      'App',
      `AgentIdentity=${AGENTS.first}&AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`,
    );

    // Assert
    expect(status).toBe(400);
    expect(body.detail).toMatch(/^AgentUsername and AgentUserId ask for an agent user identity token/);
    expect(tokenRequests(fixture.emulator)).toHaveLength(0);
    expect(t1Requests(fixture.emulator)).toHaveLength(0);
  });

  it('should answer 400 for AgentUserId with optionsOverride.RequestAppToken=true', async () => {
    // Act
    const { status } = await header(
      'User',
      `AgentIdentity=${AGENTS.first}&AgentUserId=${AGENTS.user.oid}&optionsOverride.RequestAppToken=true&optionsOverride.Scopes=${encodeURIComponent('api://demo-downstream/.default')}`,
    );

    // Assert
    expect(status).toBe(400);
  });
});
