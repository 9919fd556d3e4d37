import { X509Certificate, createHash, createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { generate } from 'selfsigned';

/** A client certificate made for a test (never written to disk). */
export interface ClientCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly thumbprintSha256: string;
}

export async function createClientCertificate(
  commonName = 'emulator-test-client',
): Promise<ClientCertificate> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const raw = new X509Certificate(pems.cert).raw;
  return {
    certPem: pems.cert,
    keyPem: pems.private,
    thumbprintSha256: createHash('sha256').update(raw).digest('base64url'),
  };
}

export interface AssertionOptions {
  readonly audience: string;
  readonly clientId: string;
  readonly thumbprint?: 'sha256' | 'sha1';
  readonly expiresInSeconds?: number;
  readonly signingKeyPem?: string;
}

/** A certificate client assertion the way msal builds one: PS256, `x5t#S256`, iss = sub = client id. */
export async function createClientAssertion(
  certificate: ClientCertificate,
  options: AssertionOptions,
): Promise<string> {
  const raw = new X509Certificate(certificate.certPem).raw;
  const header =
    options.thumbprint === 'sha1'
      ? { alg: 'RS256', typ: 'JWT', x5t: createHash('sha1').update(raw).digest('base64url') }
      : { alg: 'PS256', typ: 'JWT', 'x5t#S256': certificate.thumbprintSha256 };
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID() })
    .setProtectedHeader(header)
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (options.expiresInSeconds ?? 600))
    .sign(createPrivateKey(options.signingKeyPem ?? certificate.keyPem));
}
