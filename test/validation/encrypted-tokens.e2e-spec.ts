import { createPublicKey } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactEncrypt } from 'jose';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { decodeParts } from './token-forgery';
import {
  bearer,
  callValidate,
  type EntraEmulator,
  startEmulator,
  startValidatingSidecar,
} from './validation-fixture';

interface DecryptionCertificate {
  pem: string;
  pfx: Buffer;
  publicKeyPem: string;
}

// A self-signed certificate with an RSA key, as an app registration's token-encryption certificate.
function makeCertificate(password: string): DecryptionCertificate {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  const subject = [{ name: 'commonName', value: 'sidecar token decryption' }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const pem = forge.pki.certificateToPem(cert) + forge.pki.privateKeyToPem(keys.privateKey);
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return {
    pem,
    pfx: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    publicKeyPem: forge.pki.publicKeyToPem(keys.publicKey),
  };
}

async function encryptFor(
  token: string,
  certificate: DecryptionCertificate,
  alg = 'RSA-OAEP-256',
  enc = 'A256GCM',
): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(token))
    .setProtectedHeader({ alg, enc, cty: 'JWT' })
    .encrypt(createPublicKey(certificate.publicKeyPem));
}

describe('GET /Validate with encrypted tokens (JWE)', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let directory: string;
  const pemCertificate = makeCertificate('unused');
  const pfxCertificate = makeCertificate('pfx-password');
  const base64Certificate = makeCertificate('');
  const stranger = makeCertificate('');

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jwe-'));
    writeFileSync(join(directory, 'decrypt.pem'), pemCertificate.pem);
    writeFileSync(join(directory, 'decrypt.pfx'), pfxCertificate.pfx);
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator, {
      AzureAd__TokenDecryptionCredentials__0__SourceType: 'Path',
      AzureAd__TokenDecryptionCredentials__0__CertificateDiskPath: join(directory, 'decrypt.pem'),
      AzureAd__TokenDecryptionCredentials__1__SourceType: 'Path',
      AzureAd__TokenDecryptionCredentials__1__CertificateDiskPath: join(directory, 'decrypt.pfx'),
      AzureAd__TokenDecryptionCredentials__1__CertificatePassword: 'pfx-password',
      AzureAd__TokenDecryptionCredentials__2__SourceType: 'Base64Encoded',
      AzureAd__TokenDecryptionCredentials__2__Base64EncodedValue: base64Certificate.pfx.toString('base64'),
    });
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it.each([
    ['a PEM file', () => pemCertificate, 'RSA-OAEP-256', 'A256GCM'],
    ['a PFX file with a password', () => pfxCertificate, 'RSA-OAEP', 'A128CBC-HS256'],
    ['a base64-encoded PFX', () => base64Certificate, 'RSA-OAEP', 'A128GCM'],
    ['a PEM file (A256CBC-HS512)', () => pemCertificate, 'RSA-OAEP-256', 'A256CBC-HS512'],
  ])('should return the inner claims of a JWE encrypted for %s', async (_name, certificate, alg, enc) => {
    // Arrange
    const inner = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['access_as_user'] });
    const jwe = await encryptFor(inner, certificate(), alg, enc);

    // Act
    const response = await callValidate(sidecar.url, bearer(jwe));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ protocol: 'Bearer', token: jwe, claims: decodeParts(inner).payload });
  });

  it('should reject a JWE encrypted for a key that is not configured with 401', async () => {
    const inner = await emulator.mintAccessToken({ user: 'demo-user' });
    const response = await callValidate(sidecar.url, bearer(await encryptFor(inner, stranger)));
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('invalid_token');
  });

  it('should reject a JWE whose inner token is expired with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const inner = await emulator.mintAccessToken({ user: 'demo-user', issuedAt: now - 7200, expiresIn: 600 });
    const response = await callValidate(sidecar.url, bearer(await encryptFor(inner, pemCertificate)));
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('The token expired at');
  });

  it('should reject a JWE whose inner token is signed by an unpublished key with 401', async () => {
    const inner = await emulator.mintAccessToken({ user: 'demo-user', signWith: 'unpublished' });
    const response = await callValidate(sidecar.url, bearer(await encryptFor(inner, pemCertificate)));
    expect(response.status).toBe(401);
  });

  it('should reject a JWE wrapping another JWE with 401', async () => {
    const inner = await emulator.mintAccessToken({ user: 'demo-user' });
    const nested = await encryptFor(await encryptFor(inner, pemCertificate), pemCertificate);
    expect((await callValidate(sidecar.url, bearer(nested))).status).toBe(401);
  });

  it('should reject a JWE whose ciphertext was altered with 401', async () => {
    const inner = await emulator.mintAccessToken({ user: 'demo-user' });
    const parts = (await encryptFor(inner, pemCertificate)).split('.');
    parts[3] = `${parts[3].slice(0, -4)}AAAA`;
    expect((await callValidate(sidecar.url, bearer(parts.join('.')))).status).toBe(401);
  });

  it('should reject a JWE with direct key agreement (alg dir) with 401', async () => {
    const inner = await emulator.mintAccessToken({ user: 'demo-user' });
    const jwe = await new CompactEncrypt(new TextEncoder().encode(inner))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(new Uint8Array(32));
    expect((await callValidate(sidecar.url, bearer(jwe))).status).toBe(401);
  });
});
