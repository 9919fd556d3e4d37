import { decodeProtectedHeader, jwtVerify } from 'jose';
import forge from 'node-forge';
import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from '../../credentials/certificate-parser';
import { certificateAssertion } from './certificate-assertion';

const TOKEN_ENDPOINT = 'https://login.example.com/tenant-1/oauth2/v2.0/token';
const CLIENT_ID = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';

/** A self-signed certificate over a node:crypto RSA key, loaded as the credential loader loads it. */
function makeCredential() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 3_600_000);
  cert.setSubject([{ name: 'commonName', value: 'unit' }]);
  cert.setIssuer([{ name: 'commonName', value: 'unit' }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  const certPem = forge.pki.certificateToPem(cert);
  const credential = parseCertificate(Buffer.from(`${certPem}\n${keyPem}`), undefined);
  if (credential.kind !== 'certificate') throw new Error('expected a certificate credential');
  return { credential, certificate: new X509Certificate(certPem) };
}

describe('certificateAssertion', () => {
  const { credential, certificate } = makeCredential();

  it('should sign a PS256 assertion that verifies with the certificate, with the claims Entra checks', async () => {
    // Arrange
    const now = new Date();

    // Act
    const assertion = await certificateAssertion({
      clientId: CLIENT_ID,
      tokenEndpoint: TOKEN_ENDPOINT,
      thumbprintSha256: credential.thumbprintSha256,
      privateKey: credential.privateKey,
      now,
    });

    // Assert
    const { payload, protectedHeader } = await jwtVerify(assertion, certificate.publicKey, {
      algorithms: ['PS256'],
      audience: TOKEN_ENDPOINT,
      issuer: CLIENT_ID,
      subject: CLIENT_ID,
    });
    const issuedAt = Math.floor(now.getTime() / 1000);
    expect(protectedHeader.alg).toBe('PS256');
    expect(payload).toMatchObject({ iat: issuedAt, nbf: issuedAt, exp: issuedAt + 600 });
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should name the certificate by x5t#S256: base64url of the SHA-256 of its DER, not the hex thumbprint', async () => {
    // Act
    const header = decodeProtectedHeader(
      await certificateAssertion({
        clientId: CLIENT_ID,
        tokenEndpoint: TOKEN_ENDPOINT,
        thumbprintSha256: credential.thumbprintSha256,
        privateKey: credential.privateKey,
      }),
    );

    // Assert
    expect(header['x5t#S256']).toBe(createHash('sha256').update(certificate.raw).digest('base64url'));
    expect(header.x5c).toBeUndefined();
  });

  it('should send the certificate as base64 DER in x5c when asked (SendX5C)', async () => {
    // Act
    const header = decodeProtectedHeader(
      await certificateAssertion({
        clientId: CLIENT_ID,
        tokenEndpoint: TOKEN_ENDPOINT,
        thumbprintSha256: credential.thumbprintSha256,
        privateKey: credential.privateKey,
        certificatePem: credential.certificatePem,
      }),
    );

    // Assert
    expect(header.x5c).toEqual([certificate.raw.toString('base64')]);
  });

  it('should use a new jti for every assertion', async () => {
    // Arrange
    const input = {
      clientId: CLIENT_ID,
      tokenEndpoint: TOKEN_ENDPOINT,
      thumbprintSha256: credential.thumbprintSha256,
      privateKey: credential.privateKey,
    };

    // Act
    const [first, second] = await Promise.all([certificateAssertion(input), certificateAssertion(input)]);

    // Assert
    const jti = (jwt: string) =>
      (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as { jti: string }).jti;
    expect(jti(first)).not.toBe(jti(second));
  });
});
