import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import type Forge from 'node-forge';

// node-forge is only needed to open PFX files; loading it when one is met keeps it off the start-up path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadForge = (): typeof Forge => require('node-forge') as typeof Forge;
import type { ClientCredential } from './client-credential';

/** Reads a certificate with its private key from PFX (PKCS#12) bytes or PEM text. */
export function parseCertificate(bytes: Buffer, password: string | undefined): ClientCredential {
  const text = bytes.toString('utf8');
  return text.includes('-----BEGIN') ? fromPem(text) : fromPfx(bytes, password ?? '');
}

function fromPem(pem: string): ClientCredential {
  const certificate = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
  const key = pem.match(
    /-----BEGIN (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |EC |ENCRYPTED )?PRIVATE KEY-----/,
  )?.[0];
  if (certificate === undefined || key === undefined) {
    throw new Error('The PEM must contain a certificate and its private key.');
  }
  return toCredential(certificate, createPrivateKey(key).export({ format: 'pem', type: 'pkcs8' }).toString());
}

// A PFX without a password (how Key Vault returns a certificate's secret) may carry a MAC over the empty
// password or no MAC at all; forge reads the latter only when no password is passed.
function openPfx(der: Buffer, password: string): Forge.pkcs12.Pkcs12Pfx {
  const asn1 = loadForge().asn1.fromDer(der.toString('binary'));
  try {
    return loadForge().pkcs12.pkcs12FromAsn1(asn1, password);
  } catch (error) {
    if (password !== '') throw error;
    return loadForge().pkcs12.pkcs12FromAsn1(asn1, false);
  }
}

function fromPfx(der: Buffer, password: string): ClientCredential {
  const p12 = openPfx(der, password);
  const certificate = p12.getBags({ bagType: loadForge().pki.oids.certBag })[
    loadForge().pki.oids.certBag
  ]?.[0]?.cert;
  const keyBag =
    p12.getBags({ bagType: loadForge().pki.oids.pkcs8ShroudedKeyBag })[
      loadForge().pki.oids.pkcs8ShroudedKeyBag
    ]?.[0] ?? p12.getBags({ bagType: loadForge().pki.oids.keyBag })[loadForge().pki.oids.keyBag]?.[0];
  if (certificate === undefined || keyBag?.key === undefined) {
    throw new Error('The PFX must contain a certificate and its private key.');
  }
  const rsaPem = loadForge().pki.privateKeyToPem(keyBag.key);
  const pkcs8 = createPrivateKey(rsaPem).export({ format: 'pem', type: 'pkcs8' }).toString();
  return toCredential(loadForge().pki.certificateToPem(certificate), pkcs8);
}

function toCredential(certificatePem: string, privateKey: string): ClientCredential {
  const der = new X509Certificate(certificatePem).raw;
  return {
    kind: 'certificate',
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
    privateKey,
    certificatePem,
  };
}
