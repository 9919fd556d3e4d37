import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSignedHttpRequest } from '../signed-http-request';
import type { SignedRequestRejection } from '../signed-request.errors';
import { checkAppOnly } from './app-only.check';
import { confirmationKey } from './confirmation-key.check';
import { jwkThumbprint } from './jwk-thumbprint';
import { checkShrHeader } from './shr-header.check';
import { checkShrSignature } from './shr-signature.check';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicJwk = (key: KeyObject): Record<string, unknown> => key.export({ format: 'jwk' });

const reasonOf = async (check: () => unknown): Promise<string> => {
  try {
    await check();
    return 'accepted';
  } catch (error) {
    return (error as SignedRequestRejection).reason;
  }
};

/** A compact SHR signed with `privateKey`. */
async function shr(
  payload: Record<string, unknown>,
  privateKey: KeyObject,
  header: Record<string, unknown> = { alg: 'RS256', typ: 'pop' },
): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(payload)))
    .setProtectedHeader(header as { alg: string })
    .sign(privateKey);
}

describe('JWK thumbprint (RFC 7638)', () => {
  it.each([
    ['RSA', publicJwk(rsa.publicKey)],
    ['EC', publicJwk(ec.publicKey)],
    ['RSA with extra members', { ...publicJwk(rsa.publicKey), kid: 'k', alg: 'RS256', use: 'sig' }],
  ])('should equal jose.calculateJwkThumbprint for %s', async (_name, jwk) => {
    expect(jwkThumbprint(jwk)).toBe(await calculateJwkThumbprint(jwk as JWK, 'sha256'));
  });

  it('should match the example of RFC 7638 §3.1', () => {
    // The RSA key of RFC 7638 §3.1, whose thumbprint the RFC gives.
    const jwk = {
      kty: 'RSA',
      n:
        '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMs' +
        'tn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n' +
        '91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
      alg: 'RS256',
      kid: '2011-04-29',
    };
    expect(jwkThumbprint(jwk)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it.each([
    [{ kty: 'RSA', e: 'AQAB' }],
    [{ kty: 'constructor' }],
    [{}],
    [{ kty: 'EC', crv: 1, x: 'a', y: 'b' }],
  ])('should have none for an incomplete or unknown key (%j)', (jwk) => {
    expect(jwkThumbprint(jwk)).toBeUndefined();
  });
});

describe('the confirmation key', () => {
  const rsaJwk = publicJwk(rsa.publicKey);
  const thumbprint = jwkThumbprint(rsaJwk)!;
  const signedWith = (payload: Record<string, unknown>, header: Record<string, unknown> = {}) => ({
    compact: 'a.b.c',
    header: { alg: 'RS256', typ: 'pop', ...header },
    payload,
  });

  it('should take cnf.jwk of the access token, whatever the SHR carries', () => {
    const key = confirmationKey(
      { cnf: { jwk: rsaJwk } },
      signedWith({ cnf: { jwk: publicJwk(ec.publicKey) } }),
    );
    expect(key.thumbprint).toBe(thumbprint);
    expect(key.algorithms).toContain('PS256');
  });

  it("should take the SHR's own cnf.jwk, or else its header jwk, when its thumbprint is cnf.kid", () => {
    expect(
      confirmationKey({ cnf: { kid: thumbprint } }, signedWith({ cnf: { jwk: rsaJwk } })).thumbprint,
    ).toBe(thumbprint);
    expect(confirmationKey({ cnf: { kid: thumbprint } }, signedWith({}, { jwk: rsaJwk })).thumbprint).toBe(
      thumbprint,
    );
  });

  it.each([
    [
      'a kid that is not the thumbprint',
      { cnf: { kid: 'caller-key-1' } },
      { cnf: { jwk: rsaJwk } },
      'POP_KEY_THUMBPRINT_MISMATCH',
    ],
    ['a kid without a key in the SHR', { cnf: { kid: thumbprint } }, {}, 'POP_KEY_INVALID'],
    ['no cnf', {}, { cnf: { jwk: rsaJwk } }, 'CONFIRMATION_MISSING'],
    ['a cnf that is a string', { cnf: JSON.stringify({ jwk: rsaJwk }) }, {}, 'CONFIRMATION_MISSING'],
    ['a cnf with neither jwk nor kid', { cnf: { jku: 'https://keys.example/' } }, {}, 'CONFIRMATION_MISSING'],
    ['a private key', { cnf: { jwk: rsa.privateKey.export({ format: 'jwk' }) } }, {}, 'POP_KEY_INVALID'],
    ['a symmetric key', { cnf: { jwk: { kty: 'oct', k: 'c2VjcmV0' } } }, {}, 'POP_KEY_INVALID'],
    ['an encryption key', { cnf: { jwk: { ...rsaJwk, use: 'enc' } } }, {}, 'POP_KEY_INVALID'],
    ['a broken RSA key', { cnf: { jwk: { kty: 'RSA', n: 'AQAB', e: 'AQAB' } } }, {}, 'POP_KEY_INVALID'],
    [
      'a 1024-bit RSA key',
      { cnf: { jwk: publicJwk(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey) } },
      {},
      'POP_KEY_INVALID',
    ],
  ])('should refuse %s', async (_name, claims, payload, expected) => {
    expect(await reasonOf(() => confirmationKey(claims, signedWith(payload)))).toBe(expected);
  });

  it('should let only the algorithms of the key verify, narrowed by its alg', () => {
    expect(confirmationKey({ cnf: { jwk: publicJwk(ec.publicKey) } }, signedWith({})).algorithms).toEqual([
      'ES256',
    ]);
    expect(confirmationKey({ cnf: { jwk: { ...rsaJwk, alg: 'PS256' } } }, signedWith({})).algorithms).toEqual(
      ['PS256'],
    );
  });
});

describe('the SHR header and signature', () => {
  const key = confirmationKey(
    { cnf: { jwk: publicJwk(rsa.publicKey) } },
    { compact: '', header: {}, payload: {} },
  );

  it('should verify an SHR signed by the confirmation key', async () => {
    const signed = parseSignedHttpRequest(await shr({ ts: 1 }, rsa.privateKey));
    expect(await reasonOf(() => checkShrSignature(signed, 'RS256', key))).toBe('accepted');
  });

  it('should refuse an SHR signed by another key, or changed after signing', async () => {
    // Arrange
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const genuine = await shr({ ts: 1 }, rsa.privateKey);
    const [header, , signature] = genuine.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ts: 2 })).toString('base64url')}.${signature}`;

    // Act
    const byOther = await reasonOf(async () =>
      checkShrSignature(parseSignedHttpRequest(await shr({ ts: 1 }, other)), 'RS256', key),
    );
    const changed = await reasonOf(() => checkShrSignature(parseSignedHttpRequest(tampered), 'RS256', key));

    // Assert
    expect(byOther).toBe('SIGNATURE_INVALID');
    expect(changed).toBe('SIGNATURE_INVALID');
  });

  it("should refuse an algorithm outside the key's family before verifying", async () => {
    const signed = parseSignedHttpRequest(await shr({ ts: 1 }, ec.privateKey, { alg: 'ES256', typ: 'pop' }));
    expect(await reasonOf(() => checkShrSignature(signed, 'ES256', key))).toBe('ALGORITHM_NOT_ALLOWED');
  });

  it.each([
    ['no typ', { alg: 'RS256' }, 'HEADER_INVALID'],
    ['typ JWT', { alg: 'RS256', typ: 'JWT' }, 'HEADER_INVALID'],
    ['crit', { alg: 'RS256', typ: 'pop', crit: ['b64'], b64: false }, 'HEADER_INVALID'],
    ['alg none', { alg: 'none', typ: 'pop' }, 'ALGORITHM_NOT_ALLOWED'],
    ['alg HS256', { alg: 'HS256', typ: 'pop' }, 'ALGORITHM_NOT_ALLOWED'],
    ['alg EdDSA', { alg: 'EdDSA', typ: 'pop' }, 'ALGORITHM_NOT_ALLOWED'],
  ])('should refuse a header with %s', async (_name, header, expected) => {
    expect(await reasonOf(() => checkShrHeader(header))).toBe(expected);
  });

  it('should take typ pop in any casing and answer the algorithm', () => {
    expect(checkShrHeader({ alg: 'PS256', typ: 'PoP' })).toBe('PS256');
  });
});

describe('app-only access tokens', () => {
  it.each([
    ['an app token', { roles: ['Sidecar.Call'] }, 'accepted'],
    ["an app token with idtyp 'app'", { idtyp: 'app' }, 'accepted'],
    ['a delegated token (scp)', { scp: 'access_as_user' }, 'ACCESS_TOKEN_NOT_APP_ONLY'],
    ["idtyp 'user'", { idtyp: 'user' }, 'ACCESS_TOKEN_NOT_APP_ONLY'],
    ['an empty scp', { scp: '' }, 'ACCESS_TOKEN_NOT_APP_ONLY'],
  ])('should judge %s', async (_name, claims, expected) => {
    expect(await reasonOf(() => checkAppOnly(claims))).toBe(expected);
  });
});
