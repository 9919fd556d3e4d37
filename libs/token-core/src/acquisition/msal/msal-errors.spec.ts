import { SidecarError } from '@app/problem-details';
import { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { entraMessage, toSidecarError } from './msal-errors';

const WRAPPED =
  'Error(s): 7000215 - Timestamp: 2026-11-26 16:19:36Z - Description: AADSTS7000215: Invalid client secret provided. ' +
  'Trace ID: t Correlation ID: c Timestamp: 2026-11-26 16:19:36Z - Correlation ID: c - Trace ID: t';

describe('toSidecarError (spec C.3 step 7)', () => {
  it("should answer 401 with Entra's own message for a token-endpoint error", () => {
    // Act
    const mapped = toSidecarError(new ServerError('invalid_client', 'c', WRAPPED));

    // Assert
    expect(mapped.code).toBe('UNAUTHENTICATED');
    expect(mapped.detail).toBe(
      'AADSTS7000215: Invalid client secret provided. Trace ID: t Correlation ID: c Timestamp: 2026-11-26 16:19:36Z',
    );
  });

  it('should answer 401 for a user challenge', () => {
    expect(
      toSidecarError(new InteractionRequiredAuthError('interaction_required', 'c', 'AADSTS50076: MFA')).code,
    ).toBe('UNAUTHENTICATED');
  });

  it('should answer 500 for anything that is not an Entra answer, keeping the cause', () => {
    // Arrange
    const cause = new Error('ECONNREFUSED 127.0.0.1:443');

    // Act
    const mapped = toSidecarError(cause);

    // Assert
    expect(mapped.code).toBe('UNEXPECTED');
    expect(mapped.detail).toBe('An unexpected error occurred.');
    expect(mapped.cause).toBe(cause);
  });

  it('should pass SidecarErrors through and leave unwrapped messages alone', () => {
    const own = new SidecarError('BAD_REQUEST', 'x');
    expect(toSidecarError(own)).toBe(own);
    expect(entraMessage('AADSTS50013: bad assertion')).toBe('AADSTS50013: bad assertion');
  });
});
