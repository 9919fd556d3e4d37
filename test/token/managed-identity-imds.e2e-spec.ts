import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';
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

  it('should answer 400 IDW10404, asking the endpoint nothing, for a delegated scope on a managed-identity API', async () => {
    // Arrange: the reference answers 500 here.
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      }),
    });
    const before = emulator.requests.count({ kind: 'managed-identity' });
    try {
      // Act
      const scope = encodeURIComponent(`${DEMO.downstream.uri}/Weather.Read`);
      const result = await getJson(
        `${sidecar.url}/AuthorizationHeaderUnauthenticated/Mi?optionsOverride.Scopes=${scope}`,
      );

      // Assert
      expect(result.status).toBe(400);
      expect(String(result.body.detail)).toContain('IDW10404');
      expect(emulator.requests.count({ kind: 'managed-identity' })).toBe(before);
    } finally {
      await sidecar.close();
    }
  });

  // Issue 21: managed identity only where the operator configured it. Before, the override turned any API's
  // request into a managed-identity one: a 500, after a request to the instance metadata address.
  describe('optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId', () => {
    const override = 'optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId';
    let sidecar: RunningSidecar;

    beforeAll(async () => {
      sidecar = await startSidecar({
        env: emulatorEnv(emulator, {
          DownstreamApis__Mi__Scopes: `${DEMO.downstream.uri}/.default`,
          DownstreamApis__Mi__AcquireTokenOptions__ManagedIdentity__UserAssignedClientId: '',
          Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        }),
      });
    });
    afterAll(() => sidecar?.close());
    beforeEach(() => emulator.requests.reset());

    const ask = (api: string, clientId: string) =>
      getJson(
        `${sidecar.url}/AuthorizationHeaderUnauthenticated/${api}?${override}=${encodeURIComponent(clientId)}`,
      );
    // Token requests of any kind: to the identity endpoint, or to Entra's token endpoint.
    const tokenRequests = () =>
      emulator.requests.count({ kind: 'managed-identity' }) + emulator.requests.count({ path: /\/token$/ });

    it.each(['App', 'User', 'unknown-api'])(
      'should answer 400 for an API without managed identity (%s) and send nothing to the identity endpoint',
      async (api) => {
        // Act
        const { status, body } = await ask(api, DEMO.userAssignedIdentity.clientId);

        // Assert
        expect(status).toBe(400);
        expect(body.detail).toBe(
          `${override} only chooses among managed identities of an API that uses one: the API '${api}' has no ` +
            `DownstreamApis:${api}:AcquireTokenOptions:ManagedIdentity.`,
        );
        expect(tokenRequests()).toBe(0);
      },
    );

    it.each(['abc', ' ', `{${DEMO.userAssignedIdentity.clientId}}`, '../x'])(
      'should answer 400 for a user-assigned client id %j that is not a GUID, sending nothing',
      async (clientId) => {
        // Act
        const { status, body } = await ask('Mi', clientId);

        // Assert
        expect(status).toBe(400);
        expect(body.detail).toBe(`${override} must be a client id (GUID).`);
        expect(tokenRequests()).toBe(0);
      },
    );

    it('should let a request choose the user-assigned identity of an API that uses managed identity', async () => {
      // Act
      const { status, body } = await ask('Mi', DEMO.userAssignedIdentity.clientId);

      // Assert
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).azp).toBe(DEMO.userAssignedIdentity.clientId);
    });

    it("should answer 401 with the endpoint's message for a GUID the identity endpoint does not know", async () => {
      // Act
      const { status, body } = await ask('Mi', DEMO.agent.id);

      // Assert
      expect(status).toBe(401);
      expect(body.detail).toContain('Identity not found');
    });
  });
});
