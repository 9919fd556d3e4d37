import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSidecar } from '../support/sidecar';
import { createTestCertificate, type TestCertificate } from './support/certificates';
import { DEMO, decodePayload, emulatorEnv, getJson } from './support/token-fixtures';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const WORKLOAD_SUBJECT = 'system:serviceaccount:demo:sidecar';

// Each credential type signs the sidecar in as its own app registration; the emulator verifies the secret,
// the certificate assertion's signature, or the federated assertion.
describe('AzureAd:ClientCredentials source types, end to end', () => {
  let emulator: EntraEmulator;
  let certificate: TestCertificate;
  let dir: string;
  const certificateApp = randomUUID();
  const workloadApp = randomUUID();

  beforeAll(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'token-credentials-'));
    certificate = createTestCertificate('sidecar-test-client');
    const permissions = [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }];
    emulator.registerApplication({
      name: 'certificate-client',
      clientId: certificateApp,
      tenant: 'demo',
      certificates: [{ pem: certificate.certPem }],
      permissions,
    });
    emulator.registerApplication({
      name: 'workload-client',
      clientId: workloadApp,
      tenant: 'demo',
      federatedCredentials: [{ issuer: 'emulator', subject: WORKLOAD_SUBJECT }],
      permissions,
    });
  });
  afterAll(async () => {
    await emulator?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function appTokenWith(env: Record<string, string>) {
    const sidecar = await startSidecar({ env: emulatorEnv(emulator, env) });
    try {
      const answer = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
      return { ...answer, logs: sidecar.logs.text() };
    } finally {
      await sidecar.close();
    }
  }
  const lastForm = (clientId: string) =>
    emulator.requests.lastTokenRequest({ grantType: 'client_credentials', clientId })?.form ?? {};

  it('should sign in with a PFX file and its password (Path)', async () => {
    // Arrange
    const path = join(dir, 'client.pfx');
    writeFileSync(path, certificate.pfx);

    // Act
    const { status, body } = await appTokenWith({
      AzureAd__ClientId: certificateApp,
      AzureAd__ClientCredentials__0__SourceType: 'Path',
      AzureAd__ClientCredentials__0__CertificateDiskPath: path,
      AzureAd__ClientCredentials__0__CertificatePassword: certificate.password,
    });

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader)).azp).toBe(certificateApp);
    expect(lastForm(certificateApp).client_assertion_type).toBe(JWT_BEARER);
    expect(lastForm(certificateApp).client_secret).toBeUndefined();
  });

  it('should sign in with a PEM file holding the certificate and key (Path), sending x5c with SendX5C', async () => {
    // Arrange
    const path = join(dir, 'client.pem');
    writeFileSync(path, `${certificate.certPem}\n${certificate.keyPem}`);

    // Act
    const { status } = await appTokenWith({
      AzureAd__ClientId: certificateApp,
      AzureAd__SendX5C: 'true',
      AzureAd__ClientCredentials__0__SourceType: 'Path',
      AzureAd__ClientCredentials__0__CertificateDiskPath: path,
    });

    // Assert
    expect(status).toBe(200);
    const header = JSON.parse(
      Buffer.from(lastForm(certificateApp).client_assertion.split('.')[0], 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(header['x5t#S256']).toBe(certificate.thumbprintSha256);
    expect(header.x5c).toHaveLength(1);
  });

  it('should sign in with a base64 PFX (Base64Encoded) after a credential that does not load', async () => {
    // Act
    const { status, logs } = await appTokenWith({
      AzureAd__ClientId: certificateApp,
      AzureAd__ClientCredentials__0__SourceType: 'Path',
      AzureAd__ClientCredentials__0__CertificateDiskPath: join(dir, 'missing.pfx'),
      AzureAd__ClientCredentials__1__SourceType: 'Base64Encoded',
      AzureAd__ClientCredentials__1__Base64EncodedValue: certificate.pfx.toString('base64'),
      AzureAd__ClientCredentials__1__CertificatePassword: certificate.password,
    });

    // Assert
    expect(status).toBe(200);
    expect(logs).toContain('Client credential could not be loaded');
    expect(logs).not.toContain(certificate.password);
  });

  it('should answer 401 with AADSTS700027 for a certificate Entra does not know', async () => {
    // Arrange
    const stranger = createTestCertificate('unknown-client');

    // Act
    const { status, body } = await appTokenWith({
      AzureAd__ClientId: certificateApp,
      AzureAd__ClientCredentials__0__SourceType: 'Base64Encoded',
      AzureAd__ClientCredentials__0__Base64EncodedValue: stranger.pfx.toString('base64'),
      AzureAd__ClientCredentials__0__CertificatePassword: stranger.password,
    });

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toMatch(/^AADSTS700027/);
  });

  it('should read the federated token file for every assertion, so a rotated file is used (SignedAssertionFilePath)', async () => {
    // Arrange
    const path = join(dir, 'federated-token');
    const mint = () =>
      emulator.mintAccessToken({ audience: 'api://AzureADTokenExchange', claims: { sub: WORKLOAD_SUBJECT } });
    const first = await mint();
    writeFileSync(path, first);
    const sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        AzureAd__ClientId: workloadApp,
        AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFilePath',
        AzureAd__ClientCredentials__0__SignedAssertionFileDiskPath: path,
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      }),
    });
    try {
      // Act
      const before = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
      const sentBefore = lastForm(workloadApp).client_assertion;
      const rotated = await mint();
      writeFileSync(path, rotated);
      const after = await getJson(
        `${sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
      );

      // Assert
      expect([before.status, after.status]).toEqual([200, 200]);
      expect(sentBefore).toBe(first);
      expect(lastForm(workloadApp).client_assertion).toBe(rotated);
      expect(sidecar.logs.text()).not.toContain(rotated.split('.')[2]);
    } finally {
      await sidecar.close();
    }
  });

  it('should fall back to AZURE_FEDERATED_TOKEN_FILE when no path is configured', async () => {
    // Arrange
    const path = join(dir, 'aks-token');
    writeFileSync(
      path,
      await emulator.mintAccessToken({
        audience: 'api://AzureADTokenExchange',
        claims: { sub: WORKLOAD_SUBJECT },
      }),
    );

    // Act
    const { status } = await appTokenWith({
      AzureAd__ClientId: workloadApp,
      AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFilePath',
      AZURE_FEDERATED_TOKEN_FILE: path,
    });

    // Assert
    expect(status).toBe(200);
  });

  it('should refuse to start with an OS certificate store credential, saying why', async () => {
    // Act
    const starting = startSidecar({
      env: {
        ...emulatorEnv(emulator),
        AzureAd__ClientCredentials__0__SourceType: 'StoreWithThumbprint',
        AzureAd__ClientCredentials__0__CertificateStorePath: 'CurrentUser/My',
        AzureAd__ClientCredentials__0__CertificateThumbprint: 'ABCDEF',
      },
    });

    // Assert
    await expect(starting).rejects.toThrow(/OS certificate store does not exist on this platform/);
  });

  it('should refuse to start with an app-token profile whose scope is not /.default', async () => {
    // Act
    const starting = startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__Bad__RequestAppToken: 'true',
        DownstreamApis__Bad__Scopes: 'api://x/read',
      }),
    });

    // Assert
    await expect(starting).rejects.toThrow(/DownstreamApis:Bad:Scopes: an app-token profile needs one scope/);
  });

  it('should use the client secret of demo-sidecar (ClientSecret) and answer 401 for a wrong one', async () => {
    // Act
    const good = await appTokenWith({});
    const bad = await appTokenWith({ AzureAd__ClientCredentials__0__ClientSecret: 'wrong-secret' });

    // Assert
    expect(good.status).toBe(200);
    expect(lastForm(DEMO.sidecar.clientId).client_secret).toBe('wrong-secret');
    expect(bad.status).toBe(401);
    expect(String(bad.body.detail)).toMatch(/^AADSTS7000215/);
    expect(bad.logs).not.toContain('wrong-secret');
  });
});
