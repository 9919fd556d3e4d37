import { describe, expect, it } from 'vitest';
import type { AuthorityMetadata } from '../keys/authority-metadata';
import { challengeFor, TokenRejection } from '../validation.errors';
import { checkAudience } from './audience.check';
import { checkHeader } from './header.check';
import { checkIssuer } from './issuer.check';
import { checkLifetime } from './lifetime.check';

const TID = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';
const OTHER = '7d36c46d-588a-4e95-a3ac-7fd5892195f4';
const templated: AuthorityMetadata = {
  issuers: ['https://login/{tenantid}/v2.0', 'https://sts/{tenantid}/'],
  v2Issuer: 'https://login/{tenantid}/v2.0',
  keys: [],
};

const reason = (check: () => unknown): string => {
  try {
    check();
    return 'accepted';
  } catch (error) {
    return (error as TokenRejection).reason;
  }
};

describe('token checks', () => {
  it('should accept a templated issuer only for the token tenant', () => {
    expect(reason(() => checkIssuer({ iss: `https://login/${TID}/v2.0`, tid: TID }, templated))).toBe(
      'accepted',
    );
    expect(reason(() => checkIssuer({ iss: `https://sts/${TID}/`, tid: TID }, templated))).toBe('accepted');
    expect(reason(() => checkIssuer({ iss: `https://login/${TID}/v2.0`, tid: OTHER }, templated))).toBe(
      'ISSUER_INVALID',
    );
    expect(
      reason(() => checkIssuer({ iss: 'https://login/{tenantid}/v2.0', tid: '{tenantid}' }, templated)),
    ).toBe('ISSUER_INVALID');
  });

  it("should refuse a tid that is not its issuer's tenant under a fixed (single-tenant) issuer", () => {
    // Arrange
    const fixed: AuthorityMetadata = {
      issuers: [`https://login/${TID}/v2.0`, `https://sts/${TID}/`],
      v2Issuer: `https://login/${TID}/v2.0`,
      keys: [],
    };
    const check = (claims: Record<string, unknown>) => reason(() => checkIssuer(claims, fixed));

    // Assert
    expect(check({ iss: `https://login/${TID}/v2.0`, tid: TID })).toBe('accepted');
    expect(check({ iss: `https://sts/${TID}/`, tid: TID.toUpperCase() })).toBe('accepted');
    expect(check({ iss: `https://login/${TID}/v2.0` })).toBe('accepted');
    expect(check({ iss: `https://login/${TID}/v2.0`, tid: OTHER })).toBe('TENANT_INVALID');
    expect(check({ iss: `https://login/${TID}/v2.0`, tid: '../x' })).toBe('TENANT_INVALID');
    expect(check({ iss: `https://login/${TID}/v2.0`, tid: 42 })).toBe('TENANT_INVALID');
    expect(check({ iss: `https://login/${TID}/v2.0`, tid: '' })).toBe('TENANT_INVALID');
  });

  it('should pick the default audience by token version', () => {
    const policy = { configured: new Set<string>(), clientId: 'cid' };
    expect(reason(() => checkAudience({ ver: '2.0', aud: 'cid' }, policy))).toBe('accepted');
    expect(reason(() => checkAudience({ ver: '1.0', aud: 'api://cid' }, policy))).toBe('accepted');
    expect(reason(() => checkAudience({ ver: '1.0', aud: 'cid' }, policy))).toBe('AUDIENCE_INVALID');
    expect(reason(() => checkAudience({ aud: 'cid' }, policy))).toBe('AUDIENCE_INVALID');
  });

  it('should apply the clock skew to exp and nbf', () => {
    const now = 1_000_000_000;
    expect(reason(() => checkLifetime({ exp: now / 1000 - 299 }, now, 300_000))).toBe('accepted');
    expect(reason(() => checkLifetime({ exp: now / 1000 - 300 }, now, 300_000))).toBe('TOKEN_EXPIRED');
    expect(reason(() => checkLifetime({ exp: now / 1000 + 60, nbf: now / 1000 + 301 }, now, 300_000))).toBe(
      'TOKEN_NOT_YET_VALID',
    );
    expect(reason(() => checkLifetime({}, now, 300_000))).toBe('TOKEN_NO_EXPIRATION');
  });

  it.each([
    ['a string', 'yesterday'],
    ['null', null],
    ['an object', {}],
    ['Infinity (1e400 in JSON)', Number.POSITIVE_INFINITY],
  ])('should refuse an iat or nbf that is %s as malformed', (_name, value) => {
    // Arrange
    const now = 1_000_000_000;
    const exp = now / 1000 + 60;

    // Assert
    expect(reason(() => checkLifetime({ exp, iat: value }, now, 300_000))).toBe('TOKEN_MALFORMED');
    expect(reason(() => checkLifetime({ exp, nbf: value }, now, 300_000))).toBe('TOKEN_MALFORMED');
  });

  it('should accept any finite iat, past or future, and refuse an infinite exp as no expiration', () => {
    const now = 1_000_000_000;
    const exp = now / 1000 + 60;
    expect(reason(() => checkLifetime({ exp, iat: -1.5 }, now, 300_000))).toBe('accepted');
    expect(reason(() => checkLifetime({ exp, iat: exp + 3600 }, now, 300_000))).toBe('accepted');
    expect(reason(() => checkLifetime({ exp: Number.POSITIVE_INFINITY }, now, 300_000))).toBe(
      'TOKEN_NO_EXPIRATION',
    );
  });

  it.each([
    ['a number', 1],
    ['null', null],
    ['an object', {}],
    ['an array', ['k']],
    ['a boolean', true],
  ])('should refuse a kid or x5t that is %s instead of trying every key', (_name, value) => {
    expect(reason(() => checkHeader({ alg: 'RS256', kid: value, x5t: 'k' }))).toBe('TOKEN_MALFORMED');
    expect(reason(() => checkHeader({ alg: 'RS256', kid: 'k', x5t: value }))).toBe('TOKEN_MALFORMED');
    expect(reason(() => checkHeader({ alg: 'RS256', x5t: value }))).toBe('TOKEN_MALFORMED');
  });

  it('should name the key by kid, else by x5t, else by nothing', () => {
    expect(checkHeader({ alg: 'RS256', kid: 'k', x5t: 't' })).toEqual({ alg: 'RS256', kid: 'k' });
    expect(checkHeader({ alg: 'RS256', x5t: 't' })).toEqual({ alg: 'RS256', kid: 't' });
    expect(checkHeader({ alg: 'RS256' })).toEqual({ alg: 'RS256', kid: undefined });
  });

  it('should refuse crit and ignore jku, x5u, jwk', () => {
    expect(reason(() => checkHeader({ alg: 'RS256', crit: ['exp'] }))).toBe('CRIT_NOT_SUPPORTED');
    expect(
      checkHeader({ alg: 'RS256', kid: 'k', jku: 'https://evil', x5u: 'https://evil', jwk: {} }),
    ).toEqual({
      alg: 'RS256',
      kid: 'k',
    });
  });

  it('should keep attacker-controlled text from breaking the challenge', () => {
    // Arrange
    const rejection = new TokenRejection(
      'ISSUER_INVALID',
      'x',
      `The issuer 'a"b\\c\r\nSet-Cookie: y' is invalid`,
    );

    // Act
    const challenge = challengeFor(rejection);

    // Assert
    expect(challenge).toBe(
      `Bearer error="invalid_token", error_description="The issuer 'a\\"b\\\\c??Set-Cookie: y' is invalid"`,
    );
  });
});
