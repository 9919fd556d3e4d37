import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO,
  decodePayload,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from '../token/support/token-fixtures';
import {
  AGENT_GATES,
  AGENTS,
  EXCHANGE_SCOPE,
  getHeader,
  JWT_BEARER,
  t1Requests,
  tokenRequests,
} from './support/agent-fixtures';

// Spec E.4: AgentIdentity + AgentUsername/AgentUserId on a user profile → T1, T2, then user_fic as the agent.
describe('agent user identity (AgentIdentity + AgentUsername / AgentUserId)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture(AGENT_GATES);
  });
  afterAll(() => fixture.close());
  beforeEach(() => {
    fixture.emulator.requests.reset();
    fixture.emulator.faults.clear();
  });

  const userHeader = (query: string, bearer?: string) =>
    getHeader(
      `${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/User?AgentIdentity=${AGENTS.first}&${query}`,
      bearer,
    );

  it('should return the agent user delegated token by UPN through the three legs', async () => {
    // Act
    const { status, claims } = await userHeader(`AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`);

    // Assert
    expect(status).toBe(200);
    expect(claims).toMatchObject({
      aud: DEMO.downstream.clientId,
      oid: AGENTS.user.oid,
      azp: AGENTS.first,
      scp: 'Weather.Read',
      xms_par_app_azp: AGENTS.blueprint,
    });
    expect(String(claims?.xms_sub_fct).split(' ')).toContain('13');
    const [t1, t2, userFic, ...rest] = tokenRequests(fixture.emulator);
    expect(rest).toHaveLength(0);
    expect(t1.form).toMatchObject({
      client_id: AGENTS.blueprint,
      scope: EXCHANGE_SCOPE,
      fmi_path: AGENTS.first,
    });
    expect(t2.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: AGENTS.first,
      client_assertion_type: JWT_BEARER,
      scope: EXCHANGE_SCOPE,
    });
    expect(t2.form?.fmi_path).toBeUndefined();
    expect(userFic.form).toMatchObject({
      grant_type: 'user_fic',
      client_id: AGENTS.first,
      client_assertion_type: JWT_BEARER,
      client_assertion: t2.form?.client_assertion,
      username: AGENTS.user.upn,
      client_info: '1',
    });
    expect(userFic.form?.scope.split(' ')).toContain('api://demo-downstream/Weather.Read');
    expect(userFic.form?.user_id).toBeUndefined();
    // T2 is what Entra answered to the second leg: the agent's own exchange token.
    const t2Claims = decodePayload(userFic.form?.user_federated_identity_credential ?? '');
    expect(t2Claims).toMatchObject({ sub: AGENTS.first, azp: AGENTS.first });
  });

  it('should serve a second identical call from the cache with no token request', async () => {
    // Arrange
    const first = await userHeader(`AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`);
    fixture.emulator.requests.reset();

    // Act: the UPN in other letter case is the same user.
    const second = await userHeader(`AgentUsername=${encodeURIComponent(AGENTS.user.upn.toUpperCase())}`);

    // Assert
    expect(second.status).toBe(200);
    expect(second.token).toBe(first.token);
    expect(tokenRequests(fixture.emulator)).toHaveLength(0);
  });

  it('should return the agent user token by object id (user_id) reusing T1 and T2', async () => {
    // Arrange
    await userHeader(`AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`);
    fixture.emulator.requests.reset();

    // Act
    const { status, claims } = await userHeader(`AgentUserId=${AGENTS.user.oid.toUpperCase()}`);

    // Assert
    expect(status).toBe(200);
    expect(claims?.oid).toBe(AGENTS.user.oid);
    const legs = tokenRequests(fixture.emulator);
    expect(legs).toHaveLength(1);
    expect(legs[0].form).toMatchObject({ grant_type: 'user_fic', user_id: AGENTS.user.oid });
    expect(legs[0].form?.username).toBeUndefined();
  });

  it('should let AgentUsername win over AgentUserId', async () => {
    // Act
    await userHeader(
      `AgentUserId=${DEMO.user.oid}&AgentUsername=${encodeURIComponent(AGENTS.user.upn)}&optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
    );

    // Assert
    const userFic = fixture.emulator.requests.lastTokenRequest({ grantType: 'user_fic' });
    expect(userFic?.form).toMatchObject({ username: AGENTS.user.upn });
    expect(userFic?.form?.user_id).toBeUndefined();
  });

  it('should fall back to the plain agent identity for an AgentUserId that is not a GUID (spec E.1)', async () => {
    // Arrange: on a user profile the plain agent identity is agent OBO, so a user token is sent.
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status, claims } = await userHeader('AgentUserId=not-a-guid', inbound);

    // Assert
    expect(status).toBe(200);
    expect(claims).toMatchObject({ azp: AGENTS.first, oid: DEMO.user.oid });
    expect(fixture.emulator.requests.count({ grantType: 'user_fic' })).toBe(0);
  });

  it('should use the agent user flow, not OBO, even when a user token is sent', async () => {
    // Arrange
    const inbound = await userToken(fixture.emulator);

    // Act
    const { status, claims } = await userHeader(
      `AgentUsername=${encodeURIComponent(AGENTS.user.upn)}`,
      inbound,
    );

    // Assert
    expect(status).toBe(200);
    expect(claims?.oid).toBe(AGENTS.user.oid);
  });

  it('should send every leg to the tenant of a tenant override', async () => {
    // Act
    const { status } = await userHeader(
      `AgentUserId=${AGENTS.user.oid}&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}`,
    );

    // Assert
    expect(status).toBe(200);
    const legs = tokenRequests(fixture.emulator);
    expect(legs.map((request) => request.grantType)).toEqual([
      'client_credentials',
      'client_credentials',
      'user_fic',
    ]);
    expect(new Set(legs.map((request) => request.tenantId))).toEqual(new Set([DEMO.partnerTenantId]));
    expect(t1Requests(fixture.emulator, DEMO.partnerTenantId)).toHaveLength(1);
  });
});
