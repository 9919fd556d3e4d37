import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { CredentialDescription } from '@app/config';
import type Forge from 'node-forge';

// node-forge is only needed to open PFX files; loading it when one is met keeps it off the start-up path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadForge = (): typeof Forge => require('node-forge') as typeof Forge;

const PEM_MARKER = '-----BEGIN';

function fromPem(pem: string, password: string | undefined): KeyObject {
  // OpenSSL skips the CERTIFICATE blocks of a combined PEM and reads the (maybe encrypted) private key.
  return createPrivateKey({ key: pem, format: 'pem', passphrase: password });
}

function fromPfx(der: Buffer, password: string | undefined): KeyObject {
  const pfx = loadForge().pkcs12.pkcs12FromAsn1(
    loadForge().asn1.fromDer(der.toString('binary')),
    password ?? '',
  );
  const bags = [
    ...(pfx.getBags({ bagType: loadForge().pki.oids.pkcs8ShroudedKeyBag })[
      loadForge().pki.oids.pkcs8ShroudedKeyBag
    ] ?? []),
    ...(pfx.getBags({ bagType: loadForge().pki.oids.keyBag })[loadForge().pki.oids.keyBag] ?? []),
  ];
  const key = bags.find((bag) => bag.key !== undefined)?.key;
  if (!key) throw new Error('The PFX holds no private key.');
  return createPrivateKey(loadForge().pki.privateKeyToPem(key));
}

function fromBytes(bytes: Buffer, password: string | undefined): KeyObject {
  const head = bytes.subarray(0, 64).toString('latin1');
  return head.includes(PEM_MARKER) ? fromPem(bytes.toString('utf8'), password) : fromPfx(bytes, password);
}

/**
 * The private key of one `TokenDecryptionCredentials` entry (spec G.6): `Path` (PFX or PEM file) or
 * `Base64Encoded` (a PFX, or PEM text, in base64). Other source types are reported and skipped.
 */
export function loadDecryptionKey(credential: CredentialDescription): KeyObject {
  const password = credential.certificatePassword;
  switch (credential.sourceType) {
    case 'Path':
      return fromBytes(readFileSync(credential.certificateDiskPath ?? ''), password);
    case 'Base64Encoded':
      return fromBytes(Buffer.from(credential.base64EncodedValue ?? '', 'base64'), password);
    default:
      throw new Error(`SourceType ${credential.sourceType} is not supported for token decryption.`);
  }
}
