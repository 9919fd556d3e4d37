import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type SidecarProcess, spawnSidecar, waitUntilHealthy } from '../support/built-sidecar';
import { MINIMAL_ENV } from '../support/sidecar';
import { createTestCertificate } from './support/certificates';
import { DEMO, decodePayload, emulatorEnv, getJson, OBO_GRANT, userToken } from './support/token-fixtures';

// Resolves `<region>.localhost` to 127.0.0.1 inside the sidecar (glibc here does not): the regional host msal-node
// derives from the emulator's `localhost` then reaches the emulator over real TCP and TLS.
const LOCALHOST_SUBDOMAINS = ['--require', resolve(__dirname, '../support/localhost-subdomains.cjs')];
const APP_CALL = '/AuthorizationHeaderUnauthenticated/App';

// Spec B.1 `AzureRegion` end to end, on the built sidecar (the preload and REGION_NAME are per process): msal-node
// sends client-credentials requests to `https://<region>.<Instance host>/…` and every other request to the global
// host; the emulator records the Host header of each.
describe('AzureAd:AzureRegion (the built sidecar against the emulator)', () => {
  let emulator: EntraEmulator;
  let sidecar: SidecarProcess | undefined;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await sidecar?.stop();
    sidecar = undefined;
    emulator.requests.reset();
  });
  afterAll(() => emulator?.close());

  async function startSidecar(env: Record<string, string>): Promise<SidecarProcess> {
    const port = await freePort();
    sidecar = spawnSidecar(
      {
        ...emulatorEnv(emulator, env),
        NODE_EXTRA_CA_CERTS: emulator.caCertPath,
        ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      },
      process.cwd(),
      [],
      LOCALHOST_SUBDOMAINS,
    );
    await waitUntilHealthy(sidecar.url, 20_000);
    return sidecar;
  }
  const hostsOf = (filter: Parameters<EntraEmulator['requests']['list']>[0]) =>
    emulator.requests.list(filter).map((request) => request.host);
  const appTokenHosts = () => hostsOf({ grantType: 'client_credentials' });
  /** The sidecar's log line carrying `text`, once written (stdout is asynchronous). */
  async function logLineWith(running: SidecarProcess, text: string): Promise<string> {
    for (let waited = 0; waited < 5_000; waited += 20) {
      const line = running
        .output()
        .split('\n')
        .find((candidate) => candidate.includes(text));
      if (line !== undefined) return line;
      await new Promise((wait) => setTimeout(wait, 20));
    }
    return '';
  }

  it('should send app-token requests to <region>.<host> and read the metadata from the global host', async () => {
    // Arrange
    const running = await startSidecar({ AzureAd__AzureRegion: 'westus2' });

    // Act
    const { status, body } = await getJson(`${running.url}${APP_CALL}`);

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      aud: DEMO.downstream.clientId,
      azp: DEMO.sidecar.clientId,
    });
    expect(appTokenHosts()).toEqual([`westus2.${emulator.host}`]);
    expect(emulator.requests.lastTokenRequest({ grantType: 'client_credentials' })?.status).toBe(200);
    expect(new Set(hostsOf({ kind: 'discovery' }))).toEqual(new Set([emulator.host]));
  });

  it('should keep on-behalf-of requests on the global host when AzureRegion is set', async () => {
    // Arrange
    const running = await startSidecar({ AzureAd__AzureRegion: 'westus2' });
    const inbound = await userToken(emulator);

    // Act
    const app = await getJson(`${running.url}${APP_CALL}`);
    const user = await getJson(`${running.url}/AuthorizationHeader/User`, {
      authorization: `Bearer ${inbound}`,
    });

    // Assert
    expect([app.status, user.status]).toEqual([200, 200]);
    expect(appTokenHosts()).toEqual([`westus2.${emulator.host}`]);
    expect(hostsOf({ grantType: OBO_GRANT })).toEqual([emulator.host]);
  });

  it('should send app-token requests to the global host without AzureRegion', async () => {
    // Arrange
    const running = await startSidecar({});

    // Act
    const { status } = await getJson(`${running.url}${APP_CALL}`);

    // Assert
    expect(status).toBe(200);
    expect(appTokenHosts()).toEqual([emulator.host]);
  });

  it('should take the region from REGION_NAME with TryAutoDetect', async () => {
    // Arrange
    const running = await startSidecar({ AzureAd__AzureRegion: 'TryAutoDetect', REGION_NAME: 'eastus' });

    // Act
    const { status } = await getJson(`${running.url}${APP_CALL}`);

    // Assert
    expect(status).toBe(200);
    expect(appTokenHosts()).toEqual([`eastus.${emulator.host}`]);
  });

  it('should sign a certificate assertion for the regional token endpoint', async () => {
    // Arrange: an app registration with a certificate, the sidecar holding it as a PEM file
    const certificate = createTestCertificate('regional-client');
    const clientId = randomUUID();
    emulator.registerApplication({
      name: 'regional-certificate-client',
      clientId,
      tenant: 'demo',
      certificates: [{ pem: certificate.certPem }],
      permissions: [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }],
    });
    const dir = mkdtempSync(join(tmpdir(), 'azure-region-'));
    const path = join(dir, 'client.pem');
    writeFileSync(path, `${certificate.certPem}\n${certificate.keyPem}`);
    try {
      const running = await startSidecar({
        AzureAd__AzureRegion: 'westus2',
        AzureAd__ClientId: clientId,
        AzureAd__ClientCredentials__0__SourceType: 'Path',
        AzureAd__ClientCredentials__0__CertificateDiskPath: path,
      });

      // Act
      const { status, body } = await getJson(`${running.url}${APP_CALL}`);

      // Assert
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader)).azp).toBe(clientId);
      const form = emulator.requests.lastTokenRequest({ clientId })?.form ?? {};
      expect(new URL(String(decodePayload(form.client_assertion ?? '').aud)).host).toBe(
        `westus2.${emulator.host}`,
      );
      expect(appTokenHosts()).toEqual([`westus2.${emulator.host}`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('should answer 500 and log which regional endpoint failed when it cannot be reached', async () => {
    // Arrange: the regional endpoint drops the connection, as an unreachable host would fail
    const running = await startSidecar({ AzureAd__AzureRegion: 'westus2' });
    emulator.faults.inject({ kind: 'outage', grantType: 'client_credentials' });

    // Act
    const { status, body } = await getJson(`${running.url}${APP_CALL}`);

    // Assert: the answer says nothing; the log line with its correlation id names the host
    expect(status).toBe(500);
    expect(body.detail).toBe('An unexpected error occurred.');
    const logged = await logLineWith(running, String(body.correlationId));
    expect(logged).toContain(`network_error: POST https://westus2.${emulator.host}/`);
  });

  it('should refuse to start with an AzureRegion that cannot be a host name label, naming the key', async () => {
    // Act
    const refused = spawnSidecar({
      ...MINIMAL_ENV,
      ASPNETCORE_URLS: 'http://127.0.0.1:0',
      AzureAd__AzureRegion: 'west us 2',
    });
    const { code } = await refused.exited;

    // Assert
    expect(code).not.toBe(0);
    expect(refused.output()).toContain('AzureAd:AzureRegion');
    expect(refused.output()).toContain('must be an Azure region name such as westus2');
  });
});
