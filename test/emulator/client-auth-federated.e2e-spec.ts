import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import {
  DEMO,
  JWT_BEARER_ASSERTION,
  blueprintExchangeToken,
  decodePayload,
  postToken,
} from './support/token-client';

const WORKLOAD_CLIENT_ID = '6b1d9b5f-9eac-4a4f-8b2d-3c4e5f6a7b8c';
const WORKLOAD_SUBJECT = 'system:serviceaccount:demo:sidecar';

describe('client authentication with a federated assertion', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
    emulator.registerApplication({
      name: 'workload',
      clientId: WORKLOAD_CLIENT_ID,
      tenant: 'demo',
      federatedCredentials: [{ issuer: emulator.issuer('demo', '2.0'), subject: WORKLOAD_SUBJECT }],
      permissions: [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }],
    });
  });
  afterAll(() => emulator.close());

  const agentAppToken = (agentId: string, assertion: string): ReturnType<typeof postToken> =>
    postToken(emulator, {
      grant_type: 'client_credentials',
      client_id: agentId,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: assertion,
      scope: `${DEMO.downstream.uri}/.default`,
    });

  it('should let an agent identity authenticate with the blueprint T1 (spec E.3)', async () => {
    // Arrange
    const t1 = await blueprintExchangeToken(emulator, DEMO.agent.id);

    // Act
    const { status, body } = await agentAppToken(DEMO.agent.id, t1);

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(body.access_token)).toMatchObject({
      azp: DEMO.agent.id,
      oid: DEMO.agent.id,
      sub: DEMO.agent.id,
      idtyp: 'app',
      xms_par_app_azp: DEMO.sidecar.clientId,
      roles: ['Weather.Read.All'],
    });
  });

  it('should refuse a T1 minted for another agent with AADSTS70021', async () => {
    // Arrange
    const t1ForOther = await blueprintExchangeToken(emulator, DEMO.agent2.id);

    // Act
    const { status, body } = await agentAppToken(DEMO.agent.id, t1ForOther);

    // Assert
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([70021]);
  });

  it('should refuse a T1 signed with an unpublished key', async () => {
    // Arrange
    const forged = await emulator.mintAccessToken({
      audience: 'api://AzureADTokenExchange',
      client: DEMO.sidecar.clientId,
      claims: { sub: DEMO.agent.id },
      signWith: 'unpublished',
    });

    // Act
    const { status, body } = await agentAppToken(DEMO.agent.id, forged);

    // Assert
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('should accept a workload-identity token matching a configured federated credential', async () => {
    // Arrange: what a SignedAssertionFilePath file would hold
    const assertion = await emulator.mintAccessToken({
      audience: 'api://AzureADTokenExchange',
      claims: { sub: WORKLOAD_SUBJECT },
    });

    // Act
    const { status, body } = await agentAppToken(WORKLOAD_CLIENT_ID, assertion);

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(body.access_token)).toMatchObject({ azp: WORKLOAD_CLIENT_ID, azpacr: '2' });
  });

  it('should refuse a federated token whose subject matches no credential with AADSTS70021', async () => {
    // Arrange
    const assertion = await emulator.mintAccessToken({
      audience: 'api://AzureADTokenExchange',
      claims: { sub: 'someone-else' },
    });

    // Act
    const { status, body } = await agentAppToken(WORKLOAD_CLIENT_ID, assertion);

    // Assert
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([70021]);
  });

  it('should refuse an expired federated token with AADSTS700024', async () => {
    // Arrange
    const longAgo = Math.floor(Date.now() / 1000) - 7200;
    const assertion = await emulator.mintAccessToken({
      audience: 'api://AzureADTokenExchange',
      claims: { sub: WORKLOAD_SUBJECT },
      issuedAt: longAgo,
      expiresIn: 600,
    });

    // Act
    const { body } = await agentAppToken(WORKLOAD_CLIENT_ID, assertion);

    // Assert
    expect(body.error_codes).toEqual([700024]);
  });
});
