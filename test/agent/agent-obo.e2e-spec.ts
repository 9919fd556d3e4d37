import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO,
  OBO_GRANT,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from '../token/support/token-fixtures';
import {
  AGENT_GATES,
  AGENTS,
  getHeader,
  JWT_BEARER,
  t1Requests,
  tokenRequests,
} from './support/agent-fixtures';

// Spec E.5: AgentIdentity + an inbound user token on a user profile → OBO performed as the agent identity.
describe('agent OBO (AgentIdentity + inbound user token)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture(AGENT_GATES);
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.emulator.requests.reset();
    fixture.emulator.faults.clear();
  });

  const userHeader = (route: string, query: string, bearer?: string) =>
    getHeader(`${fixture.sidecar.url}/${route}/User?${query}`, bearer);

  it('should exchange the user token as the agent: the user token, issued to the agent', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status, claims } = await userHeader(
      'AuthorizationHeader',
      `AgentIdentity=${AGENTS.first}`,
      inbound,
    );

    // Assert
    expect(status).toBe(200);
    expect(claims).toMatchObject({
      aud: DEMO.downstream.clientId,
      azp: AGENTS.first,
      oid: DEMO.user.oid,
      scp: 'Weather.Read',
      xms_par_app_azp: AGENTS.blueprint,
    });
    const [t1, obo, ...rest] = tokenRequests(fixture.emulator);
    expect(rest).toHaveLength(0);
    expect(t1.form).toMatchObject({ client_id: AGENTS.blueprint, fmi_path: AGENTS.first });
    expect(obo.form).toMatchObject({
      grant_type: OBO_GRANT,
      requested_token_use: 'on_behalf_of',
      client_id: AGENTS.first,
      client_assertion_type: JWT_BEARER,
      assertion: inbound,
    });
    expect(obo.form?.client_secret).toBeUndefined();
    expect(obo.form?.client_assertion).toMatch(/^ey/);
  });

  it('should serve the same user from the cache and run OBO again for another user', async () => {
    // Arrange
    const first = await userToken(fixture.emulator);
    const firstCall = await userHeader('AuthorizationHeader', `AgentIdentity=${AGENTS.first}`, first);
    fixture.emulator.requests.reset();
    const other = await userToken(fixture.emulator, 'other-user');

    // Act
    const again = await userHeader('AuthorizationHeader', `AgentIdentity=${AGENTS.first}`, first);
    const cachedRequests = tokenRequests(fixture.emulator).length;
    const otherCall = await userHeader('AuthorizationHeader', `AgentIdentity=${AGENTS.first}`, other);

    // Assert
    expect(again.token).toBe(firstCall.token);
    expect(cachedRequests).toBe(0);
    expect(otherCall.status).toBe(200);
    expect(otherCall.claims?.oid).not.toBe(DEMO.user.oid);
    expect(fixture.emulator.requests.count({ grantType: OBO_GRANT, clientId: AGENTS.first })).toBe(1);
    // T1 of this agent and tenant is still cached.
    expect(t1Requests(fixture.emulator)).toHaveLength(0);
  });

  it('should run agent OBO on the anonymous route when a valid user token is sent', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status, claims } = await userHeader(
      'AuthorizationHeaderUnauthenticated',
      `AgentIdentity=${AGENTS.second}`,
      inbound,
    );

    // Assert
    expect(status).toBe(200);
    expect(claims).toMatchObject({ azp: AGENTS.second, oid: DEMO.user.oid });
  });

  it('should answer 401 No account… on the anonymous route without a user token', async () => {
    // Act
    const { status, body } = await userHeader(
      'AuthorizationHeaderUnauthenticated',
      `AgentIdentity=${AGENTS.first}`,
    );

    // Assert
    expect(status).toBe(401);
    expect(body.detail).toBe('No account or login hint was passed to the AcquireTokenSilent call.');
    expect(tokenRequests(fixture.emulator)).toHaveLength(0);
  });

  it('should send every leg to the tenant of a tenant override', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status } = await userHeader(
      'AuthorizationHeader',
      `AgentIdentity=${AGENTS.first}&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
      inbound,
    );

    // Assert
    expect(status).toBe(200);
    const legs = tokenRequests(fixture.emulator);
    expect(legs.map((request) => [request.clientId, request.tenantId])).toEqual([
      [AGENTS.blueprint, DEMO.partnerTenantId],
      [AGENTS.first, DEMO.partnerTenantId],
    ]);
  });
});
