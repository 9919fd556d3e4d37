import { describe, expect, it } from 'vitest';
import { keepWithin, type ValidatedToken, VerifiedToken } from './validated-token';

describe('keepWithin', () => {
  const answer = (token: string): string => JSON.stringify({ protocol: 'Bearer', token, claims: {} });
  const AT = '{"protocol":"Bearer","token":"'.length;

  it('should keep a verified token equal to itself when its text moves into an answer', () => {
    // Arrange
    const credential = `${'a'.repeat(40)}.${'b'.repeat(40)}.${'c'.repeat(40)}`;
    const token = new VerifiedToken(credential, credential, { sub: 'u' });

    // Act
    keepWithin(token, answer(credential), AT);

    // Assert
    expect(token.token).toBe(credential);
    expect(token.assertion).toBe(credential);
  });

  it('should leave a token alone where the text does not hold it, and a JWE its inner assertion', () => {
    // Arrange
    const token = new VerifiedToken('outer.jwe.a.b.c', 'inner.jws.sig', {});

    // Act
    keepWithin(token, answer('other'), AT);
    keepWithin(token, answer('outer.jwe.a.b.c'), AT);

    // Assert
    expect(token.token).toBe('outer.jwe.a.b.c');
    expect(token.assertion).toBe('inner.jws.sig');
  });

  it('should not touch a token it did not make', () => {
    // Arrange
    const frozen: ValidatedToken = Object.freeze({ protocol: 'PoP', token: 't', assertion: 't', claims: {} });

    // Act
    const act = (): void => keepWithin(frozen, answer('t'), AT);

    // Assert
    expect(act).not.toThrow();
  });
});
