import { decodeProtectedHeader, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { clientAuthentication } from './client-authentication';

const TARGET = {
  clientId: 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58',
  tokenEndpoint: 'https://login.example.com/t1/oauth2/v2.0/token',
  sendX5C: false,
};
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

describe('clientAuthentication', () => {
  it('should send a client secret as client_secret', async () => {
    // Act
    const fields = await clientAuthentication({ kind: 'secret', clientSecret: 's3cret' }, TARGET);

    // Assert
    expect(fields).toEqual({ client_secret: 's3cret' });
  });

  it('should call an assertion source with the client id and token endpoint, and send what it returns', async () => {
    // Arrange
    const clientAssertion = vi.fn().mockResolvedValue('federated.jwt.value');

    // Act
    const fields = await clientAuthentication(
      { kind: 'assertion', clientAssertion },
      { ...TARGET, fmiPath: 'agents/a1' },
    );

    // Assert
    expect(clientAssertion).toHaveBeenCalledWith({
      clientId: TARGET.clientId,
      tokenEndpoint: TARGET.tokenEndpoint,
      fmiPath: 'agents/a1',
    });
    expect(fields).toEqual({ client_assertion_type: JWT_BEARER, client_assertion: 'federated.jwt.value' });
  });

  it('should sign a certificate assertion for the token endpoint', async () => {
    // Arrange
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

    // Act
    const fields = await clientAuthentication(
      {
        kind: 'certificate',
        thumbprintSha256: 'ab'.repeat(32),
        privateKey: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        certificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      },
      TARGET,
    );

    // Assert
    expect(fields.client_assertion_type).toBe(JWT_BEARER);
    const { payload } = await jwtVerify(fields.client_assertion, publicKey, {
      audience: TARGET.tokenEndpoint,
    });
    expect(payload.iss).toBe(TARGET.clientId);
    // Without SendX5C the certificate stays home.
    expect(decodeProtectedHeader(fields.client_assertion).x5c).toBeUndefined();
  });
});
