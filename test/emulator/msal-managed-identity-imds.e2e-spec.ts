import { ManagedIdentityApplication } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO, decodePayload } from './support/token-client';

// msal caches the detected managed-identity source per process, so each source has its own file (own worker).
// AZURE_POD_IDENTITY_AUTHORITY_HOST keeps msal's IMDS source on loopback: it must never reach 169.254.169.254.
describe('msal-node ManagedIdentityApplication, IMDS source', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
    for (const name of [
      'IDENTITY_ENDPOINT',
      'IDENTITY_HEADER',
      'MSI_ENDPOINT',
      'MSI_SECRET',
      'IMDS_ENDPOINT',
      'IDENTITY_SERVER_THUMBPRINT',
    ]) {
      delete process.env[name];
    }
    process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST = emulator.managedIdentity.imdsHost;
  });
  afterAll(async () => {
    delete process.env.AZURE_POD_IDENTITY_AUTHORITY_HOST;
    await emulator.close();
  });

  it('should get a system-assigned token, then serve the second call from its cache', async () => {
    // Arrange
    const app = new ManagedIdentityApplication();

    // Act
    const first = await app.acquireToken({ resource: DEMO.downstream.uri });
    const second = await app.acquireToken({ resource: DEMO.downstream.uri });

    // Assert
    expect(second.fromCache).toBe(true);
    expect(decodePayload(first.accessToken).oid).toBe(DEMO.systemIdentity.objectId);
    expect(
      emulator.requests.count({ kind: 'managed-identity', path: '/metadata/identity/oauth2/token/' }),
    ).toBe(1);
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
  });
});
