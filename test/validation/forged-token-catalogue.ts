import { CompactEncrypt, exportJWK, generateKeyPair } from 'jose';
import type { CataloguedToken } from './token-catalogue';
import {
  attackerKeyPair,
  decodeParts,
  hs256WithPublicKey,
  signRs256,
  withHeader,
  withTamperedPayload,
} from './token-forgery';

/** The valid token's payload, signed by an attacker's key under the given header. */
function signedByAttacker(
  validToken: string,
  header: (jwk: Record<string, unknown>) => Record<string, unknown>,
) {
  const attacker = attackerKeyPair();
  const jwk = attacker.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return signRs256(header(jwk), decodeParts(validToken).payload, attacker.privateKey);
}

/** Forged signatures, keys and headers. */
export const FORGED_TOKENS: readonly CataloguedToken[] = [
  {
    name: 'a token signed by an unpublished key under the current kid',
    description: 'The signature is invalid',
    build: ({ mint, emulator }) =>
      mint({ signWith: 'unpublished', header: { kid: emulator.signingKeys.currentKid, x5t: undefined } }),
  },
  {
    name: 'a token whose payload was changed after signing',
    build: ({ validToken }) =>
      withTamperedPayload(validToken, { oid: '00000000-0000-0000-0000-000000000000' }),
  },
  {
    name: 'a token whose kid is not in the JWKS',
    description: 'The signature key was not found',
    build: ({ mint }) => mint({ signWith: 'unpublished' }),
  },
  { name: 'alg none', build: ({ mint }) => mint({ header: { alg: 'none' } }) },
  {
    name: 'alg none with a non-empty signature part',
    build: ({ validToken, emulator }) =>
      withHeader(validToken, { alg: 'none', kid: emulator.signingKeys.currentKid }),
  },
  {
    name: 'HS256 signed with the public key as the secret',
    build: ({ validToken, publishedJwk }) => {
      const { header, payload } = decodeParts(validToken);
      return hs256WithPublicKey(header, payload, publishedJwk);
    },
  },
  {
    name: 'an RS256 signature labelled RS384',
    build: ({ validToken }) => withHeader(validToken, { ...decodeParts(validToken).header, alg: 'RS384' }),
  },
  {
    name: 'an alg the key does not declare (PS256)',
    build: ({ mint }) => mint({ header: { alg: 'PS256' } }),
  },
  {
    name: 'a jku pointing at an attacker JWKS',
    build: ({ validToken }) =>
      signedByAttacker(validToken, () => ({
        alg: 'RS256',
        typ: 'JWT',
        kid: 'attacker',
        jku: 'https://127.0.0.1:1/keys',
      })),
  },
  {
    name: 'an x5u pointing elsewhere',
    build: ({ validToken }) =>
      signedByAttacker(validToken, () => ({
        alg: 'RS256',
        typ: 'JWT',
        kid: 'attacker',
        x5u: 'https://127.0.0.1:1/cert.pem',
      })),
  },
  {
    name: 'an embedded jwk that signed the token, under the published kid',
    build: ({ validToken, emulator }) =>
      signedByAttacker(validToken, (jwk) => ({
        alg: 'RS256',
        typ: 'JWT',
        kid: emulator.signingKeys.currentKid,
        jwk,
      })),
  },
  {
    name: 'an embedded jwk without kid',
    build: ({ validToken }) => signedByAttacker(validToken, (jwk) => ({ alg: 'RS256', typ: 'JWT', jwk })),
  },
  {
    // jose signs `crit: ["b64"]` (an extension it knows), so the signature is the authority's own.
    name: 'a validly signed token carrying crit',
    build: ({ mint }) => mint({ header: { crit: ['b64'], b64: true } }),
  },
];

/** Encrypted tokens (JWE) when no decryption key is configured. */
export const ENCRYPTED_TOKENS: readonly CataloguedToken[] = [
  {
    name: 'a JWE when no decryption key is configured',
    build: async ({ validToken }) => {
      const { publicKey } = await generateKeyPair('RSA-OAEP-256');
      return new CompactEncrypt(new TextEncoder().encode(validToken))
        .setProtectedHeader({
          alg: 'RSA-OAEP-256',
          enc: 'A256GCM',
          cty: 'JWT',
          kid: (await exportJWK(publicKey)).kid,
        })
        .encrypt(publicKey);
    },
  },
  { name: 'five base64 junk parts (a fake JWE)', build: () => 'aGVsbG8.d29ybGQ.Zm9v.YmFy.YmF6' },
];
