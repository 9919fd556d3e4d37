import { describe, expect, it } from 'vitest';
import { TokenRejection } from '../validation.errors';
import { bearerCredential } from './authorization-header';

const reasonOf = (header: string | string[] | undefined): string => {
  try {
    bearerCredential(header, 100);
    return 'accepted';
  } catch (error) {
    return (error as TokenRejection).reason;
  }
};

describe('bearerCredential', () => {
  it('should return the token of a Bearer header in any scheme casing, trimmed', () => {
    // Arrange
    const header = 'bEARER   a.b.c  ';

    // Act
    const token = bearerCredential(header, 100);

    // Assert
    expect(token).toBe('a.b.c');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['the bare scheme', 'Bearer'],
    ['an empty token', 'Bearer    '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a scheme without the space', 'Bearera.b.c'],
  ])('should treat %s as missing credentials', (_name, header) => {
    expect(reasonOf(header)).toBe('MISSING_CREDENTIALS');
  });

  it('should refuse two Authorization headers', () => {
    expect(reasonOf(['Bearer a.b.c', 'Bearer a.b.c'])).toBe('MULTIPLE_AUTHORIZATION_HEADERS');
  });

  it('should refuse a token over the length cap before looking at it', () => {
    expect(reasonOf(`Bearer ${'x'.repeat(101)}`)).toBe('TOKEN_TOO_LARGE');
  });
});
