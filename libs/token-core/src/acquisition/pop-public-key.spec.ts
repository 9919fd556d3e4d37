import { SidecarError } from '@app/problem-details';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertPopPublicKey, popPublicKeyProblem } from './pop-public-key';

const encode = (value: unknown): string =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicJwk = rsa.publicKey.export({ format: 'jwk' });
const privateJwk = rsa.privateKey.export({ format: 'jwk' });

describe('popPublicKeyProblem', () => {
  it.each([
    ['a kid', { kid: 'thumbprint-1' }],
    ['a public RSA jwk', { jwk: publicJwk }],
    [
      'a public EC jwk',
      { jwk: generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) },
    ],
    ['a kid and a jwk', { kid: 'thumbprint-1', jwk: publicJwk }],
  ])('should accept %s', (_, value) => {
    // Act
    const problem = popPublicKeyProblem(encode(value));

    // Assert
    expect(problem).toBeUndefined();
  });

  it.each([
    ['standard base64 characters', `${encode({ kid: 'a' })}+/`, 'The PopPublicKey is not base64url-encoded.'],
    ['spaces', 'eyJr aWQiOiJhIn0', 'The PopPublicKey is not base64url-encoded.'],
    ['text that is not JSON', encode('not json'), 'The PopPublicKey does not decode to JSON.'],
    [
      'a JSON string',
      encode('"kid"'),
      "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.",
    ],
    [
      'a JSON array',
      encode([{ kid: 'a' }]),
      "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.",
    ],
    ['null', encode('null'), "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both."],
    [
      'an object without kid or jwk',
      encode({ kty: 'RSA' }),
      "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.",
    ],
    ['a numeric kid', encode({ kid: 42 }), "The PopPublicKey's 'kid' must be a non-empty string."],
    ['an empty kid', encode({ kid: '' }), "The PopPublicKey's 'kid' must be a non-empty string."],
    [
      'a jwk that is a string',
      encode({ jwk: 'RSA' }),
      "The PopPublicKey's 'jwk' must be a JSON Web Key object.",
    ],
    ['a jwk without kty', encode({ jwk: { n: 'abc', e: 'AQAB' } }), "The PopPublicKey's 'jwk' has no 'kty'."],
    ['something far too long', 'a'.repeat(8_193), 'The PopPublicKey is longer than 8192 characters.'],
  ])('should refuse %s', (_, value, detail) => {
    // Act
    const problem = popPublicKeyProblem(value);

    // Assert
    expect(problem).toBe(detail);
  });

  it('should refuse a private RSA jwk, naming its private members', () => {
    // Act
    const problem = popPublicKeyProblem(encode({ jwk: privateJwk }));

    // Assert
    expect(problem).toBe(
      "The PopPublicKey's 'jwk' carries private key material ('d', 'p', 'q', 'dp', 'dq', 'qi'): send the public key only; the sidecar never takes a private key.",
    );
  });

  it('should refuse a symmetric jwk, whose k is a secret', () => {
    // Act
    const problem = popPublicKeyProblem(encode({ kid: 'a', jwk: { kty: 'oct', k: 'c2VjcmV0' } }));

    // Assert
    expect(problem).toMatch(/carries private key material \('k'\)/);
  });

  it('should never quote the value it refuses', () => {
    // Arrange
    const value = encode({ jwk: privateJwk });

    // Act
    const problem = popPublicKeyProblem(value) ?? '';

    // Assert
    expect(problem).not.toContain(String(privateJwk.d));
    expect(problem).not.toContain(value.slice(0, 20));
  });
});

describe('assertPopPublicKey', () => {
  it('should throw a BAD_REQUEST SidecarError with the problem as detail', () => {
    // Act
    const thrown = (() => {
      try {
        assertPopPublicKey('%%%');
      } catch (error) {
        return error;
      }
    })();

    // Assert
    expect(thrown).toBeInstanceOf(SidecarError);
    expect(thrown).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'The PopPublicKey is not base64url-encoded.',
    });
  });
});
