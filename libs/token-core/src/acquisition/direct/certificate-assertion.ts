import { SignJWT } from 'jose';
import { createPrivateKey, randomUUID } from 'node:crypto';

/** How long a client assertion is valid, as msal-node signs it. */
const LIFETIME_SECONDS = 600;

/** What a certificate client assertion is built from. */
export interface CertificateAssertionInput {
  readonly clientId: string;
  /** The token endpoint the assertion is sent to: its `aud`. */
  readonly tokenEndpoint: string;
  /** SHA-256 of the certificate's DER, hex (as the credential loader and msal-node keep it). */
  readonly thumbprintSha256: string;
  /** PKCS#8 PEM of the certificate's private key. */
  readonly privateKey: string;
  /** PEM of the certificate (chain), sent as `x5c` when given (`AzureAd:SendX5C`). */
  readonly certificatePem?: string;
  /** @default now */
  readonly now?: Date;
}

/**
 * A `private_key_jwt` client assertion (RFC 7523 §3) signed with the sidecar's certificate, as msal-node signs
 * it: PS256, the certificate named by `x5t#S256` (base64url of the SHA-256 of its DER, RFC 7515 §4.1.8), its
 * chain in `x5c` for subject-name/issuer authentication, `iss` = `sub` = the client id, `aud` = the token
 * endpoint, a fresh `jti`, ten minutes of lifetime.
 */
export async function certificateAssertion(input: CertificateAssertionInput): Promise<string> {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const x5c = input.certificatePem === undefined ? undefined : certificateChain(input.certificatePem);
  return new SignJWT({})
    .setProtectedHeader({
      alg: 'PS256',
      typ: 'JWT',
      'x5t#S256': Buffer.from(input.thumbprintSha256, 'hex').toString('base64url'),
      ...(x5c === undefined ? {} : { x5c }),
    })
    .setAudience(input.tokenEndpoint)
    .setIssuer(input.clientId)
    .setSubject(input.clientId)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_SECONDS)
    .sign(createPrivateKey(input.privateKey));
}

/** `x5c`: each certificate of the PEM as base64 DER (not base64url, RFC 7515 §4.1.6), leaf first. */
function certificateChain(pem: string): string[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((block) => block.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, ''));
}
