import { createPublicKey } from 'node:crypto';
import { createSecureContext, type SecureContext } from 'node:tls';
import { type DevelopmentCaSigner, serverCertificateExtensions } from './development-ca';

/** Node's `SNICallback`: the secure context for the name a client asked for, or none for the default one. */
export type SniCallback = (
  servername: string,
  callback: (error: Error | null, context?: SecureContext) => void,
) => void;

// One DNS label under `localhost`: the shape msal-node gives a regional (ESTS-R) host, `<region>.<authority host>`.
const SUBDOMAIN_OF_LOCALHOST = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.localhost$/;
// A test or demo uses a region or two; the bound keeps a client that cycles names from growing the map.
const MAX_NAMES = 32;
const VALIDITY_MS = 7 * 24 * 3600 * 1000;

/**
 * Certificates for the loopback names under `localhost` (RFC 6761 §6.3), issued on a name's first TLS handshake
 * (SNI) by the development CA, for the server's own key. An emulator addressed as `localhost` is asked as
 * `westus2.localhost` once `AzureAd:AzureRegion` is set, and Node refuses a `*.localhost` wildcard (a
 * wildcard needs two labels after it). Any other name gets the default `localhost` certificate.
 */
export function loopbackNameCertificates(signer: DevelopmentCaSigner): SniCallback {
  const contexts = new Map<string, Promise<SecureContext>>();
  return (servername, callback) => {
    const name = servername.toLowerCase();
    if (!SUBDOMAIN_OF_LOCALHOST.test(name)) return callback(null);
    let context = contexts.get(name);
    if (context === undefined) {
      if (contexts.size >= MAX_NAMES) return callback(null);
      context = issue(signer, name);
      contexts.set(name, context);
      context.catch(() => contexts.delete(name));
    }
    context.then(
      (ready) => callback(null, ready),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

async function issue(signer: DevelopmentCaSigner, name: string): Promise<SecureContext> {
  const { generate } = await import('selfsigned');
  const now = Date.now();
  // The server's key pair: issuing then costs one signature, not a key generation.
  const publicKey = createPublicKey(signer.serverKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  const issued = await generate([{ name: 'commonName', value: name }], {
    keyPair: { privateKey: signer.serverKeyPem, publicKey },
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3600 * 1000),
    notAfterDate: new Date(now + VALIDITY_MS),
    ca: { key: signer.caKeyPem, cert: signer.caCertPem },
    extensions: serverCertificateExtensions([{ type: 2, value: name }]),
  });
  return createSecureContext({ key: signer.serverKeyPem, cert: issued.cert });
}
