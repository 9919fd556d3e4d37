import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from '../support/sidecar';
import { DEMO, decodePayload, emulatorEnv, getJson } from './support/token-fixtures';

// The IMDS shape, in its own worker (msal caches the detected source per process). AZURE_POD_IDENTITY_AUTHORITY_HOST
// points msal's IMDS source at the emulator, so nothing can reach 169.254.169.254.
describe('managed identity, IMDS shape', () => {
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
    await emulator?.close();
  });

  it('should get system- and user-assigned tokens from IMDS, ForceRefresh making a new request', async () => {
    // Arrange
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
        DownstreamApis__MiUser__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__MiUser__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId:
          DEMO.userAssignedIdentity.clientId,
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      }),
    });
    const imds = () =>
      emulator.requests.count({ kind: 'managed-identity', path: /^\/metadata\/identity\/oauth2\/token/ });
    try {
      // Act
      const system = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi`);
      const user = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/MiUser`);
      const cached = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi`);
      const countBeforeRefresh = imds();
      const refreshed = await getJson(
        `${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi?optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
      );

      // Assert
      expect([system.status, user.status, cached.status, refreshed.status]).toEqual([200, 200, 200, 200]);
      expect(decodePayload(String(system.body.authorizationHeader)).azp).toBe(DEMO.systemIdentity.clientId);
      expect(decodePayload(String(user.body.authorizationHeader)).azp).toBe(
        DEMO.userAssignedIdentity.clientId,
      );
      expect(countBeforeRefresh).toBe(2);
      expect(imds()).toBe(3);
    } finally {
      await sidecar.close();
    }
  });
});
