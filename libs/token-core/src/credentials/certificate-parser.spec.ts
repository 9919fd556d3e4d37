import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { parseCertificate } from './certificate-parser';

function makePfx(password: string | null): { pfx: Buffer; certPem: string } {
  const keys = forge.pki.rsa.generateKeyPair(1024);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date();
  cert.validity.notAfter = new Date(Date.now() + 3_600_000);
  cert.setSubject([{ name: 'commonName', value: 'unit' }]);
  cert.setIssuer([{ name: 'commonName', value: 'unit' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return {
    pfx: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    certPem: forge.pki.certificateToPem(cert),
  };
}

describe('parseCertificate', () => {
  it.each([['secret'], [null]])('should read a PFX with password %s', (password) => {
    // Arrange
    const { pfx } = makePfx(password);

    // Act
    const credential = parseCertificate(pfx, password ?? undefined);

    // Assert
    expect(credential.kind).toBe('certificate');
    expect(credential.kind === 'certificate' && credential.privateKey).toContain('BEGIN PRIVATE KEY');
  });

  it('should refuse a PFX with the wrong password', () => {
    expect(() => parseCertificate(makePfx('right').pfx, 'wrong')).toThrow();
  });
});
