import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import {
  createClientAssertion,
  createClientCertificate,
  type ClientCertificate,
} from './support/client-certificate';
import { DEMO, JWT_BEARER_ASSERTION, decodePayload, postToken } from './support/token-client';

const CERT_CLIENT_ID = '5a0c8a4e-8d9b-4f3e-9a1c-2b3d4e5f6a7b';

describe('client authentication with a certificate assertion', () => {
  let emulator: EntraEmulator;
  let certificate: ClientCertificate;
  let stranger: ClientCertificate;

  beforeAll(async () => {
    emulator = await startEmulator();
    [certificate, stranger] = await Promise.all([
      createClientCertificate(),
      createClientCertificate('stranger'),
    ]);
    emulator.registerApplication({
      name: 'cert-client',
      clientId: CERT_CLIENT_ID,
      tenant: 'demo',
      certificates: [{ pem: certificate.certPem }],
      permissions: [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }],
    });
  });
  afterAll(() => emulator.close());

  const tokenWith = (assertion: string): ReturnType<typeof postToken> =>
    postToken(emulator, {
      grant_type: 'client_credentials',
      client_id: CERT_CLIENT_ID,
      client_assertion_type: JWT_BEARER_ASSERTION,
      client_assertion: assertion,
      scope: `${DEMO.downstream.uri}/.default`,
    });

  it('should accept an assertion signed by the registered certificate (x5t#S256)', async () => {
    // Arrange
    const assertion = await createClientAssertion(certificate, {
      audience: emulator.tokenEndpoint('demo'),
      clientId: CERT_CLIENT_ID,
    });

    // Act
    const { status, body } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(body.access_token)).toMatchObject({
      azp: CERT_CLIENT_ID,
      azpacr: '2',
      roles: ['Weather.Read.All'],
    });
  });

  it('should accept the SHA-1 x5t thumbprint and the tenant GUID token endpoint as audience', async () => {
    // Arrange
    const assertion = await createClientAssertion(certificate, {
      audience: emulator.tokenEndpoint(DEMO.tenantId),
      clientId: CERT_CLIENT_ID,
      thumbprint: 'sha1',
    });

    // Act
    const { status } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(200);
  });

  it('should refuse a bad signature with AADSTS700027', async () => {
    // Arrange: the registered thumbprint, but signed by another key
    const assertion = await createClientAssertion(certificate, {
      audience: emulator.tokenEndpoint('demo'),
      clientId: CERT_CLIENT_ID,
      signingKeyPem: stranger.keyPem,
    });

    // Act
    const { status, body } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(body.error_codes).toEqual([700027]);
  });

  it('should refuse an unknown thumbprint with AADSTS700027 naming the thumbprint', async () => {
    // Arrange
    const assertion = await createClientAssertion(stranger, {
      audience: emulator.tokenEndpoint('demo'),
      clientId: CERT_CLIENT_ID,
    });

    // Act
    const { status, body } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([700027]);
    expect(String(body.error_description)).toContain('The key was not found');
  });

  it('should refuse a wrong audience', async () => {
    // Arrange
    const assertion = await createClientAssertion(certificate, {
      audience: 'https://elsewhere/token',
      clientId: CERT_CLIENT_ID,
    });

    // Act
    const { status, body } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(String(body.error_description)).toContain('audience');
  });

  it('should refuse an expired assertion with AADSTS700024', async () => {
    // Arrange: expired long before the five-minute skew allowance
    const assertion = await createClientAssertion(certificate, {
      audience: emulator.tokenEndpoint('demo'),
      clientId: CERT_CLIENT_ID,
      expiresInSeconds: -3600,
    });

    // Act
    const { status, body } = await tokenWith(assertion);

    // Assert
    expect(status).toBe(401);
    expect(body.error_codes).toEqual([700024]);
  });
});
