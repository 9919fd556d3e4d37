import { createHash, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/** A self-signed client certificate made in a test: PEM pieces and a password-protected PFX. */
export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly pfx: Buffer;
  /** The PFX as Key Vault stores a certificate's secret: no password. */
  readonly pfxWithoutPassword: Buffer;
  readonly password: string;
  readonly thumbprintSha256: string;
}

/** RSA 2048 key + self-signed certificate (node-forge), also packed as PKCS#12 with `password`. */
export function createTestCertificate(commonName: string, password = 'test-pfx-password'): TestCertificate {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(8));
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 24 * 3_600_000);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  const certPem = forge.pki.certificateToPem(cert);
  const open = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], null, { algorithm: '3des' });
  return {
    certPem,
    keyPem: forge.pki.privateKeyToPem(keys.privateKey),
    pfx: Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'),
    pfxWithoutPassword: Buffer.from(forge.asn1.toDer(open).getBytes(), 'binary'),
    password,
    thumbprintSha256: createHash('sha256').update(new X509Certificate(certPem).raw).digest('base64url'),
  };
}
