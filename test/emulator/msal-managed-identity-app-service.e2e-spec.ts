import { ManagedIdentityApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO, decodePayload } from './support/token-client';

// msal caches the detected managed-identity source per process, so each source has its own file (own worker).
describe('msal-node ManagedIdentityApplication, App Service source', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
    for (const name of [
      'MSI_ENDPOINT',
      'MSI_SECRET',
      'IMDS_ENDPOINT',
      'IDENTITY_SERVER_THUMBPRINT',
      'AZURE_POD_IDENTITY_AUTHORITY_HOST',
    ]) {
      delete process.env[name];
    }
    process.env.IDENTITY_ENDPOINT = emulator.managedIdentity.appServiceEndpoint;
    process.env.IDENTITY_HEADER = emulator.managedIdentity.identityHeader;
  });
  afterAll(async () => {
    delete process.env.IDENTITY_ENDPOINT;
    delete process.env.IDENTITY_HEADER;
    await emulator.close();
  });

  it('should get a system-assigned token, then serve the second call from its cache', async () => {
    // Arrange
    const app = new ManagedIdentityApplication();

    // Act
    const first = await app.acquireToken({ resource: DEMO.downstream.uri });
    const second = await app.acquireToken({ resource: DEMO.downstream.uri });

    // Assert
    expect(first.fromCache).toBe(false);
    expect(second.fromCache).toBe(true);
    expect(decodePayload(first.accessToken)).toMatchObject({
      oid: DEMO.systemIdentity.objectId,
      idtyp: 'app',
    });
    expect(emulator.requests.count({ kind: 'managed-identity', path: '/msi/token' })).toBe(1);
  });

  it('should get a user-assigned token by client id', async () => {
    // Arrange
    const app = new ManagedIdentityApplication({
      managedIdentityIdParams: { userAssignedClientId: DEMO.userAssignedIdentity.clientId },
    });

    // Act
    const result = await app.acquireToken({ resource: 'https://vault.azure.net' });

    // Assert
    expect(decodePayload(result.accessToken).oid).toBe(DEMO.userAssignedIdentity.objectId);
    expect(
      emulator.requests.count({ kind: 'managed-identity', clientId: DEMO.userAssignedIdentity.clientId }),
    ).toBe(1);
  });
});
