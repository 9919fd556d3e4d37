import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from '../support/sidecar';
import { createTestCertificate } from './support/certificates';
import { type FakeKeyVault, startFakeKeyVault } from './support/fake-key-vault';
import { DEMO, decodePayload, emulatorEnv, getJson } from './support/token-fixtures';

const SYSTEM_IDENTITY_OBJECT_ID = '312273cb-52d2-4dee-be71-43b4882f7dc3';
const MI_TOKEN_PATH = '/msi/token';

// msal caches the managed-identity source per process: this file (its own worker) is the App Service shape,
// set before the first managed-identity call. Nothing here can reach 169.254.169.254.
describe('managed identity, App Service shape: MI app tokens, MI-backed credentials and Key Vault', () => {
  let emulator: EntraEmulator;
  let vault: FakeKeyVault;
  const ficApp = randomUUID();
  const vaultApp = randomUUID();
  const certificate = createTestCertificate('key-vault-client');

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
    const permissions = [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }];
    emulator.registerApplication({
      name: 'mi-federated-client',
      clientId: ficApp,
      tenant: 'demo',
      federatedCredentials: [{ issuer: 'emulator', subject: SYSTEM_IDENTITY_OBJECT_ID }],
      permissions,
    });
    emulator.registerApplication({
      name: 'key-vault-client',
      clientId: vaultApp,
      tenant: 'demo',
      certificates: [{ pem: certificate.certPem }],
      permissions,
    });
    vault = await startFakeKeyVault(emulator.url, DEMO.tenantId, {
      'sidecar-pfx': {
        value: certificate.pfxWithoutPassword.toString('base64'),
        contentType: 'application/x-pkcs12',
      },
      'sidecar-pem': {
        value: `${certificate.certPem}${certificate.keyPem}`,
        contentType: 'application/x-pem-file',
      },
    });
  });
  afterAll(async () => {
    delete process.env.IDENTITY_ENDPOINT;
    delete process.env.IDENTITY_HEADER;
    await vault?.close();
    await emulator?.close();
  });

  const miCount = () => emulator.requests.count({ kind: 'managed-identity', path: MI_TOKEN_PATH });

  it('should get a system-assigned MI token for a ManagedIdentity profile and cache it', async () => {
    // Arrange
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
      }),
    });
    emulator.requests.reset();
    try {
      // Act
      const first = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi`);
      const second = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi`);

      // Assert
      expect([first.status, second.status]).toEqual([200, 200]);
      expect(decodePayload(String(first.body.authorizationHeader))).toMatchObject({
        oid: SYSTEM_IDENTITY_OBJECT_ID,
        aud: DEMO.downstream.clientId,
      });
      expect(miCount()).toBe(1);
      expect(emulator.requests.count({ kind: 'token' })).toBe(0);
    } finally {
      await sidecar.close();
    }
  });

  it('should get a user-assigned MI token through the query override on a profile that uses managed identity', async () => {
    // Arrange: the profile's own identity is the system-assigned one (issue 21: the override only chooses
    // among the managed identities of a profile that uses one).
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
      }),
    });
    try {
      // Act
      const { status, body } = await getJson(
        `${sidecar.url}/AuthorizationHeader/Mi?optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId=${DEMO.userAssignedIdentity.clientId}`,
        {
          authorization: `Bearer ${await emulator.mintAccessToken({ user: 'demo-user', scopes: 'access_as_user' })}`,
        },
      );

      // Assert
      expect(status).toBe(200);
      expect(
        decodePayload(String(body.authorizationHeader)).azp ??
          decodePayload(String(body.authorizationHeader)).appid,
      ).toBe(DEMO.userAssignedIdentity.clientId);
    } finally {
      await sidecar.close();
    }
  });

  it('should sign in with an MI token as the client assertion (SignedAssertionFromManagedIdentity)', async () => {
    // Arrange
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        AzureAd__ClientId: ficApp,
        AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFromManagedIdentity',
      }),
    });
    try {
      // Act
      const { status, body } = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);

      // Assert
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).azp).toBe(ficApp);
      const assertion =
        emulator.requests.lastTokenRequest({ clientId: ficApp })?.form?.client_assertion ?? '';
      expect(decodePayload(assertion)).toMatchObject({
        aud: 'api://AzureADTokenExchange',
        sub: SYSTEM_IDENTITY_OBJECT_ID,
      });
    } finally {
      await sidecar.close();
    }
  });

  it('should get a pop token with an MI token as the client assertion (SignedAssertionFromManagedIdentity)', async () => {
    // Arrange: spec F.5's direct token-endpoint request authenticates with the same MI-backed assertion.
    const popPublicKey = Buffer.from(JSON.stringify({ kid: 'mi-backed-pop-key' })).toString('base64url');
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        AzureAd__ClientId: ficApp,
        AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFromManagedIdentity',
        DownstreamApis__App__AcquireTokenOptions__PopPublicKey: popPublicKey,
      }),
    });
    try {
      // Act
      const { status, body } = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);

      // Assert
      expect(status, JSON.stringify(body)).toBe(200);
      const header = String(body.authorizationHeader);
      expect(header).toMatch(/^pop eyJ/);
      expect(decodePayload(header)).toMatchObject({ azp: ficApp, cnf: { kid: 'mi-backed-pop-key' } });
      const form = emulator.requests.lastTokenRequest({ clientId: ficApp })?.form ?? {};
      expect(form).toMatchObject({ token_type: 'pop', req_cnf: popPublicKey });
      expect(decodePayload(form.client_assertion ?? '')).toMatchObject({
        aud: 'api://AzureADTokenExchange',
        sub: SYSTEM_IDENTITY_OBJECT_ID,
      });
    } finally {
      await sidecar.close();
    }
  });

  it.each(['sidecar-pfx', 'sidecar-pem'])(
    'should sign in with a certificate read from Key Vault (%s)',
    async (name) => {
      // Arrange
      vault.requests.length = 0;
      const sidecar = await startSidecar({
        env: emulatorEnv(emulator, {
          AzureAd__ClientId: vaultApp,
          AzureAd__ClientCredentials__0__SourceType: 'KeyVault',
          AzureAd__ClientCredentials__0__KeyVaultUrl: vault.url,
          AzureAd__ClientCredentials__0__KeyVaultCertificateName: name,
        }),
      });
      try {
        // Act
        const { status, body } = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);

        // Assert
        expect(status).toBe(200);
        expect(decodePayload(String(body.authorizationHeader)).azp).toBe(vaultApp);
        expect(vault.requests).toEqual([
          { path: `/secrets/${name}`, authorized: false },
          { path: `/secrets/${name}`, authorized: true },
        ]);
        const ready = await getJson(`${sidecar.url}/healthz/ready`);
        expect(ready.status).toBe(200);
      } finally {
        await sidecar.close();
      }
    },
  );

  it('should report not ready and answer 500 when the Key Vault certificate does not exist', async () => {
    // Arrange
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        AzureAd__ClientId: vaultApp,
        AzureAd__ClientCredentials__0__SourceType: 'KeyVault',
        AzureAd__ClientCredentials__0__KeyVaultUrl: vault.url,
        AzureAd__ClientCredentials__0__KeyVaultCertificateName: 'missing',
      }),
    });
    try {
      // Act
      const { status, body } = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
      const ready = await getJson(`${sidecar.url}/healthz/ready`);

      // Assert
      expect(status).toBe(500);
      expect(body.detail).toBe('An unexpected error occurred.');
      expect(ready.status).toBe(503);
    } finally {
      await sidecar.close();
    }
  });
});
