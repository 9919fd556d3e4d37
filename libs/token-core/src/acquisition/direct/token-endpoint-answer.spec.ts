import { SidecarError } from '@app/problem-details';
import { describe, expect, it } from 'vitest';
import { toSidecarError } from '../msal/msal-errors';
import { readTokenAnswer } from './token-endpoint-answer';

const AADSTS7000215 =
  "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '57e510a2'. Trace ID: t-1 Correlation ID: c-1 Timestamp: 2026-12-07 04:00:00Z";

const answer = (status: number, body: unknown) => ({
  status,
  headers: {},
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

/** What the caller finally sees for a failed answer: the mapping every flow goes through. */
function mapped(status: number, body: unknown): SidecarError {
  try {
    readTokenAnswer(answer(status, body));
  } catch (error) {
    return toSidecarError(error);
  }
  throw new Error('expected a failure');
}

describe('readTokenAnswer', () => {
  it('should return the token with its type exactly as answered and its expiry from expires_in', () => {
    // Arrange
    const before = Date.now();

    // Act
    const token = readTokenAnswer(
      answer(200, { token_type: 'pop', access_token: 'eyJ.pop.token', expires_in: 3599 }),
    );

    // Assert
    expect(token.accessToken).toBe('eyJ.pop.token');
    expect(token.tokenType).toBe('pop');
    expect(token.expiresOn.getTime()).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(token.expiresOn.getTime()).toBeLessThanOrEqual(Date.now() + 3_599_000);
  });

  it('should read a numeric-string expires_in', () => {
    // Act
    const token = readTokenAnswer(answer(200, { token_type: 'Bearer', access_token: 'a', expires_in: '60' }));

    // Assert
    expect(token.expiresOn.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("should answer Entra's refusal with a 401 whose detail is Entra's error_description", () => {
    // Act
    const error = mapped(401, { error: 'invalid_client', error_description: AADSTS7000215 });

    // Assert
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.detail).toBe(AADSTS7000215);
  });

  it('should answer a 4xx OAuth error without a description with a 401 naming the error code', () => {
    // Act
    const error = mapped(400, { error: 'invalid_request' });

    // Assert
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.detail).toBe('invalid_request');
  });

  it('should answer an AADSTS error sent with a 5xx with a 401, as msal-node does', () => {
    // Act
    const error = mapped(503, { error: 'temporarily_unavailable', error_description: 'AADSTS50196: loop.' });

    // Assert
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.detail).toBe('AADSTS50196: loop.');
  });

  it.each([
    ['a 5xx without an Entra error', 502, { error: 'bad_gateway' }],
    ['a body that is not JSON', 503, '<html>Service Unavailable</html>'],
    ['a 4xx body that is not JSON', 400, 'Bad Request'],
    ['JSON that is not an object', 200, '"token"'],
    ['a 200 without an access token', 200, { token_type: 'pop', expires_in: 3600 }],
    ['a 200 without expires_in', 200, { token_type: 'pop', access_token: 'a' }],
    ['a redirect', 302, ''],
  ])('should answer %s with the 500 that hides its cause', (_, status, body) => {
    // Act
    const error = mapped(status, body);

    // Assert
    expect(error.code).toBe('UNEXPECTED');
    expect(error.detail).toBe('An unexpected error occurred.');
    expect(error.cause).toBeInstanceOf(Error);
  });
});
