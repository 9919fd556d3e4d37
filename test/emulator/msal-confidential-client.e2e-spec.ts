import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { createClientCertificate } from './support/client-certificate';
import { DEMO, decodePayload } from './support/token-client';

const OBO_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CERT_CLIENT_ID = '7c2e0c6a-af1d-4b5a-9c3e-4d5f6a7b8c9d';

describe('msal-node ConfidentialClientApplication against the emulator', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.requests.reset());

  /** The recipe from the dependency notes: https authority on the emulator host, known to msal. */
  const msalApp = (
    auth: Partial<Configuration['auth']> & { clientId: string },
  ): ConfidentialClientApplication =>
    new ConfidentialClientApplication({
      auth: { authority: emulator.authority('demo'), knownAuthorities: [emulator.host], ...auth },
    });

  it('should get a client-credentials token, then serve the second call from its cache', async () => {
    // Arrange
    const app = msalApp({ clientId: DEMO.client.clientId, clientSecret: DEMO.client.secret });
    const request = { scopes: [`api://${DEMO.sidecar.clientId}/.default`] };

    // Act
    const first = await app.acquireTokenByClientCredential(request);
    const second = await app.acquireTokenByClientCredential(request);

    // Assert
    expect(first?.fromCache).toBe(false);
    expect(second?.fromCache).toBe(true);
    expect(second?.accessToken).toBe(first?.accessToken);
    expect(decodePayload(first?.accessToken)).toMatchObject({ roles: ['Sidecar.Call'], idtyp: 'app' });
    expect(emulator.requests.count({ grantType: 'client_credentials', clientId: DEMO.client.clientId })).toBe(
      1,
    );
  });

  it('should get an OBO token, then serve the same assertion from its cache', async () => {
    // Arrange
    const app = msalApp({ clientId: DEMO.sidecar.clientId, clientSecret: DEMO.sidecar.secret });
    const oboAssertion = await emulator.mintAccessToken({ user: 'demo-user', scopes: 'access_as_user' });
    const request = { oboAssertion, scopes: [`${DEMO.downstream.uri}/Weather.Read`] };

    // Act
    const first = await app.acquireTokenOnBehalfOf(request);
    const second = await app.acquireTokenOnBehalfOf(request);

    // Assert
    expect(first?.fromCache).toBe(false);
    expect(second?.fromCache).toBe(true);
    expect(first?.account?.homeAccountId).toBe(`${DEMO.user.oid}.${DEMO.tenantId}`);
    expect(decodePayload(first?.accessToken)).toMatchObject({ oid: DEMO.user.oid, scp: 'Weather.Read' });
    expect(emulator.requests.count({ grantType: OBO_GRANT })).toBe(1);
    expect(emulator.requests.lastTokenRequest({ grantType: OBO_GRANT })?.form?.client_info).toBe('1');
  });

  it('should run the agent user chain (T1, T2, user_fic), then serve acquireTokenSilent from its cache', async () => {
    // Arrange: leg 1, the blueprint's T1 for the agent
    const blueprint = msalApp({ clientId: DEMO.sidecar.clientId, clientSecret: DEMO.sidecar.secret });
    const t1 = async (): Promise<string> =>
      (await blueprint.acquireTokenByClientCredential({
        scopes: [DEMO.exchangeScope],
        fmiPath: DEMO.agent.id,
      }))!.accessToken;
    const agent = msalApp({ clientId: DEMO.agent.id, clientAssertion: t1 });
    // leg 2, the agent's own exchange token T2
    const t2 = (await agent.acquireTokenByClientCredential({ scopes: [DEMO.exchangeScope] }))!.accessToken;
    const scopes = [`${DEMO.downstream.uri}/Weather.Read`];

    // Act: leg 3
    const userResult = await agent.acquireTokenByUserFederatedIdentityCredential({
      scopes,
      assertion: t2,
      username: DEMO.agent.userUpn,
    });
    const silent = await agent.acquireTokenSilent({ account: userResult!.account!, scopes });

    // Assert
    expect(decodePayload(userResult?.accessToken)).toMatchObject({
      oid: DEMO.agent.userOid,
      azp: DEMO.agent.id,
      xms_par_app_azp: DEMO.sidecar.clientId,
      xms_sub_fct: '13',
      scp: 'Weather.Read',
    });
    expect(silent.fromCache).toBe(true);
    expect(silent.accessToken).toBe(userResult?.accessToken);
    expect(emulator.requests.count({ grantType: 'user_fic' })).toBe(1);
    expect(
      emulator.requests.count({ grantType: 'client_credentials', clientId: DEMO.sidecar.clientId }),
    ).toBe(1);
    expect(emulator.requests.lastTokenRequest({ grantType: 'user_fic' })?.form).toMatchObject({
      client_id: DEMO.agent.id,
      username: DEMO.agent.userUpn,
    });
  });

  it('should authenticate with a certificate credential (thumbprintSha256 + x5c)', async () => {
    // Arrange
    const certificate = await createClientCertificate('msal-cert-client');
    emulator.registerApplication({
      name: 'msal-cert-client',
      clientId: CERT_CLIENT_ID,
      tenant: 'demo',
      certificates: [{ pem: certificate.certPem }],
    });
    const app = msalApp({
      clientId: CERT_CLIENT_ID,
      clientCertificate: {
        thumbprintSha256: Buffer.from(certificate.thumbprintSha256, 'base64url').toString('hex'),
        privateKey: certificate.keyPem,
        x5c: certificate.certPem,
      },
    });

    // Act
    const result = await app.acquireTokenByClientCredential({ scopes: [`${DEMO.downstream.uri}/.default`] });

    // Assert
    expect(decodePayload(result?.accessToken)).toMatchObject({ azp: CERT_CLIENT_ID, azpacr: '2' });
  });

  it('should surface an injected AADSTS error as a ServerError with the Entra code', async () => {
    // Arrange
    emulator.faults.inject({
      kind: 'aadsts',
      code: 7000222,
      error: 'invalid_client',
      status: 401,
      grantType: 'client_credentials',
    });
    const app = msalApp({ clientId: DEMO.client.clientId, clientSecret: DEMO.client.secret });

    // Act
    const attempt = app.acquireTokenByClientCredential({
      scopes: [`api://${DEMO.sidecar.clientId}/.default`],
    });

    // Assert
    await expect(attempt).rejects.toMatchObject({
      errorCode: 'invalid_client',
      errorMessage: expect.stringContaining('AADSTS7000222') as unknown,
    });
  });
});
