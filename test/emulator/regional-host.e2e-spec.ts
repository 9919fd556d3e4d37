import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { request } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO } from './support/token-client';

/** The certificate the emulator presents for `servername`, and whether this process's trust store accepts it. */
function handshake(
  emulator: EntraEmulator,
  servername: string,
): Promise<{ authorized: boolean; certificate: PeerCertificate }> {
  const port = Number(new URL(emulator.url).port);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      const authorized = socket.authorized;
      const certificate = socket.getPeerCertificate();
      socket.end();
      resolve({ authorized, certificate });
    });
    socket.once('error', reject);
  });
}

/** POSTs a form over TLS to 127.0.0.1 as `host` (SNI and Host header), as a client that resolved it would. */
function postAs(
  emulator: EntraEmulator,
  host: string,
  path: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const port = new URL(emulator.url).port;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        servername: host,
        headers: { host: `${host}:${port}`, 'content-type': 'application/x-www-form-urlencoded' },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }),
        );
      },
    );
    outgoing.once('error', reject);
    outgoing.end(new URLSearchParams(form).toString());
  });
}

// msal-node sends AzureRegion's app-token requests to `<region>.<authority host>`: for the emulator,
// `westus2.localhost:PORT`, a loopback name (RFC 6761).
describe('The emulator on a regional host', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator.requests.reset());

  it('should present a certificate for <region>.localhost that the development CA vouches for', async () => {
    // Act
    const { authorized, certificate } = await handshake(emulator, 'westus2.localhost');

    // Assert
    expect(authorized).toBe(true);
    expect(certificate.subjectaltname).toBe('DNS:westus2.localhost');
  });

  it('should present the localhost certificate for a name outside localhost', async () => {
    // Act
    const { authorized, certificate } = await handshake(emulator, 'westus2.login.example.com');

    // Assert
    expect(authorized).toBe(false);
    expect(certificate.subjectaltname).toBe('DNS:localhost, IP Address:127.0.0.1');
  });

  it('should issue a token at the regional endpoint as msal calls it (trailing slash) and record the host', async () => {
    // Arrange
    const port = new URL(emulator.url).port;

    // Act
    const answer = await postAs(emulator, 'westus2.localhost', `/${DEMO.tenantId}/oauth2/v2.0/token/`, {
      grant_type: 'client_credentials',
      client_id: DEMO.sidecar.clientId,
      client_secret: DEMO.sidecar.secret,
      scope: `${DEMO.downstream.uri}/.default`,
    });

    // Assert
    expect(answer.status).toBe(200);
    expect(answer.body.token_type).toBe('Bearer');
    expect(emulator.requests.list({ kind: 'token' }).map((recorded) => recorded.host)).toEqual([
      `westus2.localhost:${port}`,
    ]);
    expect(emulator.requests.count({ host: `WESTUS2.localhost:${port}` })).toBe(1);
    expect(emulator.requests.count({ host: emulator.host })).toBe(0);
  });
});
