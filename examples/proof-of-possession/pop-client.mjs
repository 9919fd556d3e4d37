// What a caller of the sidecar does for proof-of-possession (docs/proof-of-possession.md): it owns a key pair,
// asks the sidecar for a token bound to the public key, and signs each HTTP request it sends with the private key
// (a signed HTTP request, "SHR"). The private key never leaves this process; the sidecar only sees the public part.
import { randomUUID } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT } from 'jose';

/** A P-256 key pair, its public JWK, and the RFC 7638 thumbprint that names it. */
export async function createPopKey() {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, 'sha256');
  return { privateKey, jwk, kid };
}

/**
 * The value of `optionsOverride.AcquireTokenOptions.PopPublicKey` (and of Entra's `req_cnf`): base64url JSON
 * naming the key by its thumbprint, as MSAL does. The token's `cnf` claim then carries the same `kid`, and each
 * signed request carries the public JWK whose thumbprint it is.
 */
export function popPublicKey(key) {
  return Buffer.from(JSON.stringify({ kid: key.kid })).toString('base64url');
}

/**
 * A signed HTTP request over `method` and `url` for the access token `accessToken`: a JWS with `typ: pop` whose
 * payload binds the token (`at`) to this request (`m`, `u`, `p`) at this time (`ts`), with a fresh `nonce`.
 * Send it as `Authorization: PoP <shr>`.
 */
export function signHttpRequest(key, { accessToken, method, url }) {
  const target = new URL(url);
  return new SignJWT({
    at: accessToken,
    ts: Math.floor(Date.now() / 1000),
    m: method,
    u: target.host,
    p: target.pathname,
    nonce: randomUUID(),
    cnf: { jwk: key.jwk },
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'pop', kid: key.kid })
    .sign(key.privateKey);
}
