import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, decodePayload, startTokenFixture, type TokenFixture } from '../token/support/token-fixtures';
import type { EntraEmulator } from '@app/entra-emulator';
import {
  AGENT_GATES,
  AGENTS,
  EXCHANGE_SCOPE,
  extraAgentId,
  getHeader,
  JWT_BEARER,
  startAgentEmulator,
  t1Requests,
  tokenRequests,
} from './support/agent-fixtures';

// Spec E.3: AgentIdentity on an app profile → T1 (blueprint, fmi_path) then client credentials as the agent.
describe('autonomous agent (AgentIdentity + RequestAppToken)', () => {
  let emulator: EntraEmulator;
  let fixture: TokenFixture;

  beforeAll(async () => {
    emulator = await startAgentEmulator(2);
    fixture = await startTokenFixture(AGENT_GATES, { emulator });
  });
  afterAll(async () => {
    await fixture.close();
    await emulator.close();
  });
  beforeEach(() => {
    fixture.emulator.requests.reset();
    fixture.emulator.faults.clear();
  });

  const appHeader = (query: string) =>
    getHeader(`${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App?${query}`);

  it('should return an app token of the agent identity, issued under its blueprint', async () => {
    // Act
    const { status, claims } = await appHeader(`AgentIdentity=${AGENTS.first}`);

    // Assert
    expect(status).toBe(200);
    expect(claims).toMatchObject({
      aud: DEMO.downstream.clientId,
      azp: AGENTS.first,
      oid: AGENTS.first,
      xms_par_app_azp: AGENTS.blueprint,
      tid: DEMO.tenantId,
      roles: ['Weather.Read.All'],
    });
    expect(claims?.scp).toBeUndefined();
  });

  it('should send exactly the two legs: T1 with fmi_path, then the agent with T1 as its client assertion', async () => {
    // Act
    const { status } = await appHeader(
      `AgentIdentity=${AGENTS.second}&optionsOverride.Scopes=${encodeURIComponent('https://graph.microsoft.com/.default')}`,
    );

    // Assert
    expect(status).toBe(200);
    const [t1, agentLeg, ...rest] = tokenRequests(fixture.emulator);
    expect(rest).toHaveLength(0);
    expect(t1.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: AGENTS.blueprint,
      client_secret: DEMO.sidecar.secret,
      scope: EXCHANGE_SCOPE,
      fmi_path: AGENTS.second,
    });
    expect(agentLeg.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: AGENTS.second,
      client_assertion_type: JWT_BEARER,
      scope: 'https://graph.microsoft.com/.default',
    });
    expect(agentLeg.form?.client_secret).toBeUndefined();
    expect(agentLeg.form?.fmi_path).toBeUndefined();
    expect(agentLeg.form?.client_assertion).toMatch(/^ey/);
    // T1 is the agent's credential: the assertion must be the token the first leg answered.
    expect(decodePayload(agentLeg.form?.client_assertion ?? '')).toMatchObject({
      sub: AGENTS.second,
      azp: AGENTS.blueprint,
    });
  });

  it('should serve a second call from the cache with no token request', async () => {
    // Arrange
    const first = await appHeader(`AgentIdentity=${AGENTS.first}`);
    fixture.emulator.requests.reset();

    // Act
    const second = await appHeader(`AgentIdentity=${AGENTS.first}`);

    // Assert
    expect(second.status).toBe(200);
    expect(second.token).toBe(first.token);
    expect(tokenRequests(fixture.emulator)).toHaveLength(0);
  });

  it('should run new legs for another agent and never hand it the first agent token', async () => {
    // Arrange: an agent no other test used, so neither its T1 nor its token is cached.
    const fresh = extraAgentId(0);
    const first = await appHeader(`AgentIdentity=${AGENTS.first}`);
    fixture.emulator.requests.reset();

    // Act
    const other = await appHeader(`AgentIdentity=${fresh}`);

    // Assert
    expect(other.status).toBe(200);
    expect(other.token).not.toBe(first.token);
    expect(other.claims).toMatchObject({ azp: fresh, xms_par_app_azp: AGENTS.blueprint });
    expect(t1Requests(fixture.emulator).map((request) => request.form?.fmi_path)).toEqual([fresh]);
    expect(fixture.emulator.requests.count({ kind: 'token', clientId: fresh })).toBe(1);
  });

  it('should reuse T1 but not the final token for ForceRefresh', async () => {
    // Arrange
    await appHeader(`AgentIdentity=${AGENTS.first}`);
    fixture.emulator.requests.reset();

    // Act
    const forced = await appHeader(
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
    );

    // Assert
    expect(forced.status).toBe(200);
    expect(t1Requests(fixture.emulator)).toHaveLength(0);
    expect(fixture.emulator.requests.count({ kind: 'token', clientId: AGENTS.first })).toBe(1);
  });

  it('should send a Claims override on the agent leg only, and key the cache on it', async () => {
    // Arrange
    const claims = JSON.stringify({ access_token: { xms_cc: { values: ['cp1'] } } });
    await appHeader(`AgentIdentity=${AGENTS.first}`);
    fixture.emulator.requests.reset();

    // Act
    const { status } = await appHeader(
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.Claims=${encodeURIComponent(claims)}`,
    );

    // Assert
    expect(status).toBe(200);
    const legs = tokenRequests(fixture.emulator);
    expect(legs).toHaveLength(1);
    expect(legs[0].clientId).toBe(AGENTS.first);
    expect(legs[0].form?.claims).toContain('cp1');
  });

  it('should send every leg to the tenant of a tenant override', async () => {
    // Act
    const { status, claims } = await appHeader(
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
    );

    // Assert
    expect(status).toBe(200);
    expect(claims?.tid).toBe(DEMO.partnerTenantId);
    const legs = tokenRequests(fixture.emulator);
    expect(legs).toHaveLength(2);
    expect(legs.map((request) => request.tenantId)).toEqual([DEMO.partnerTenantId, DEMO.partnerTenantId]);
  });
});

describe('autonomous agent with the route gate off (default)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture();
  });
  afterAll(() => fixture.close());

  it('should ignore AgentIdentity, answer the blueprint app token and log the warning', async () => {
    // Act
    const { status, claims } = await getHeader(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${AGENTS.first}`,
    );

    // Assert
    expect(status).toBe(200);
    expect(claims?.azp).toBe(AGENTS.blueprint);
    expect(claims?.xms_par_app_azp).toBeUndefined();
    expect(t1Requests(fixture.emulator)).toHaveLength(0);
    expect(
      fixture.sidecar.logs
        .records()
        .filter((record) => record.event === 'AgentIdentityOverridesIgnored')
        .at(-1),
    ).toMatchObject({
      eventId: 5,
      route: 'AuthorizationHeaderUnauthenticated',
    });
  });
});
