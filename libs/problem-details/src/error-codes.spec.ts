import { describe, expect, it } from 'vitest';
import { type ErrorCode, statusForCode } from './error-codes';

describe('statusForCode', () => {
  it.each<[ErrorCode, number]>([
    ['BAD_REQUEST', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['ROUTE_NOT_FOUND', 404],
    ['METHOD_NOT_ALLOWED', 405],
    ['REQUEST_TIMEOUT', 408],
    ['PAYLOAD_TOO_LARGE', 413],
    ['UNSUPPORTED_MEDIA_TYPE', 415],
    ['HEADERS_TOO_LARGE', 431],
    ['UNEXPECTED', 500],
    ['SERVICE_UNAVAILABLE', 503],
  ])('should map %s to %i', (code, status) => {
    expect(statusForCode(code)).toBe(status);
  });

  it('should refuse a code it does not know', () => {
    expect(() => statusForCode('MADE_UP' as ErrorCode)).toThrow(/No HTTP status/);
  });
});
