import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO, decodePayload } from './support/token-client';

describe('managed identity endpoints (plain HTTP on loopback)', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.requests.reset());

  const appService = async (query: string, header = emulator.managedIdentity.identityHeader) => {
    const response = await fetch(
      `${emulator.managedIdentity.appServiceEndpoint}?api-version=2019-08-01&${query}`,
      {
        headers: { 'X-IDENTITY-HEADER': header },
      },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const imds = async (
    query: string,
    headers: Record<string, string> = { Metadata: 'true' },
    path = '/metadata/identity/oauth2/token/',
  ) => {
    const response = await fetch(
      `${emulator.managedIdentity.imdsHost}${path}?api-version=2018-02-01&${query}`,
      { headers },
    );
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('should issue a system-assigned token in the App Service shape', async () => {
    // Act
    const { status, body } = await appService(`resource=${encodeURIComponent(DEMO.downstream.uri)}`);

    // Assert
    expect(status).toBe(200);
    expect(body).toMatchObject({
      token_type: 'Bearer',
      expires_in: '3600',
      resource: DEMO.downstream.uri,
      client_id: DEMO.systemIdentity.clientId,
    });
    expect(Number(body.expires_on)).toBeGreaterThan(Date.now() / 1000 + 3000);
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: DEMO.downstream.clientId,
      oid: DEMO.systemIdentity.objectId,
      azp: DEMO.systemIdentity.clientId,
      idtyp: 'app',
      roles: ['Weather.Read.All'],
    });
    expect(emulator.requests.count({ grantType: 'managed_identity', kind: 'managed-identity' })).toBe(1);
  });

  it('should issue a user-assigned token by client_id in the App Service shape', async () => {
    // Act
    const { body } = await appService(
      `resource=https://vault.azure.net&client_id=${DEMO.userAssignedIdentity.clientId}`,
    );

    // Assert
    expect(body.client_id).toBe(DEMO.userAssignedIdentity.clientId);
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: 'https://vault.azure.net',
      oid: DEMO.userAssignedIdentity.objectId,
      ver: '1.0',
    });
    expect(emulator.requests.count({ clientId: DEMO.userAssignedIdentity.clientId })).toBe(1);
  });

  it('should refuse a missing or wrong X-IDENTITY-HEADER', async () => {
    // Act
    const { status, body } = await appService('resource=https://vault.azure.net', 'wrong');

    // Assert
    expect(status).toBe(401);
    expect(body.statusCode).toBe(401);
  });

  it('should issue system- and user-assigned tokens in the IMDS shape, with or without the trailing slash', async () => {
    // Act
    const system = await imds(`resource=${encodeURIComponent(DEMO.downstream.uri)}`);
    const user = await imds(
      `resource=https://vault.azure.net&object_id=${DEMO.userAssignedIdentity.objectId}`,
      undefined,
      '/metadata/identity/oauth2/token',
    );

    // Assert
    expect(system.status).toBe(200);
    expect(decodePayload(system.body.access_token).oid).toBe(DEMO.systemIdentity.objectId);
    expect(user.status).toBe(200);
    expect(user.body.client_id).toBe(DEMO.userAssignedIdentity.clientId);
  });

  it.each([
    ['no Metadata header', 'resource=https://vault.azure.net', {}, 'invalid_request'],
    [
      'an unknown identity',
      'resource=https://vault.azure.net&client_id=00000000-0000-0000-0000-000000000001',
      { Metadata: 'true' },
      'invalid_request',
    ],
    ['an unknown resource', 'resource=https://nowhere.example', { Metadata: 'true' }, 'invalid_resource'],
  ])('should answer IMDS errors in its shape for %s', async (_case, query, headers, error) => {
    // Act
    const { status, body } = await imds(query, headers);

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe(error);
    expect(body.error_description).toBeTypeOf('string');
  });

  it('should let faults target managed identity requests', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'status', status: 500, grantType: 'managed_identity' });

    // Act
    const { status } = await imds('resource=https://vault.azure.net');

    // Assert
    expect(status).toBe(500);
  });
});
