import { describe, expect, it } from 'vitest';
import { claimsFromChallenges, parseChallenges } from './claims-challenge';

const CLAIMS = '{"access_token":{"nbf":{"essential":true,"value":"1604106651"}}}';
const ENCODED = Buffer.from(CLAIMS).toString('base64');

describe('claimsFromChallenges', () => {
  it("should decode the base64 claims of Entra's insufficient_claims challenge", () => {
    // Arrange
    const header = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${ENCODED}"`;

    // Act / Assert
    expect(claimsFromChallenges([header])).toBe(CLAIMS);
  });

  it('should find the Bearer challenge among several, in any header line, and accept base64url and raw JSON', () => {
    // Arrange
    const base64url = Buffer.from(CLAIMS).toString('base64url');

    // Act / Assert
    expect(claimsFromChallenges(['Basic realm="x"', `PoP nonce="n", Bearer claims=${base64url}`])).toBe(
      CLAIMS,
    );
    expect(claimsFromChallenges([`Bearer claims="${CLAIMS.replace(/"/g, '\\"')}"`])).toBe(CLAIMS);
  });

  it.each([
    ['no challenge', []],
    ['a Bearer challenge without claims', ['Bearer error="invalid_token"']],
    ['claims on another scheme', [`PoP claims="${ENCODED}"`]],
    ['claims that are not a JSON object', ['Bearer claims="bm90IGpzb24="']],
    ['empty claims', ['Bearer claims=""']],
  ])('should find nothing with %s', (_name, headers) => {
    // Act / Assert
    expect(claimsFromChallenges(headers)).toBeUndefined();
  });
});

describe('parseChallenges', () => {
  it('should split challenges, token68 credentials and quoted parameters with escapes', () => {
    // Act
    const challenges = parseChallenges('Negotiate abc==, Bearer realm="a, \\"b\\"", error=invalid_token');

    // Assert
    expect(challenges.map((c) => [c.scheme, Object.fromEntries(c.params)])).toEqual([
      ['Negotiate', {}],
      ['Bearer', { realm: 'a, "b"', error: 'invalid_token' }],
    ]);
  });
});
