import { describe, expect, it } from 'vitest';
import { AnswerOnDemand, resultWithBody, serializeResult } from './authorization-header.body';

const EXPIRES = new Date('2026-11-27T06:00:00.000Z');

describe('serializeResult', () => {
  it('should write the reference shape, with the session key only when one was allocated', () => {
    // Act
    const plain = serializeResult({ authorizationHeader: 'Bearer a.b.c', expiresOn: EXPIRES });
    const allocated = serializeResult({
      authorizationHeader: 'Bearer a.b.c',
      expiresOn: EXPIRES,
      longRunningWebApiSessionKey: 'k-1',
    });

    // Assert
    expect(plain).toBe('{"authorizationHeader":"Bearer a.b.c","expiresOn":"2026-11-27T06:00:00.000Z"}');
    expect(JSON.parse(allocated)).toEqual({
      authorizationHeader: 'Bearer a.b.c',
      expiresOn: '2026-11-27T06:00:00.000Z',
      longRunningWebApiSessionKey: 'k-1',
    });
  });
});

describe('resultWithBody', () => {
  it("should give a frozen result whose header is exactly the body's header", () => {
    // Arrange
    const header = `Bearer ${'eyJ0eXAiOiJKV1QifQ'.repeat(80)}.sig`;

    // Act
    const { result, body } = resultWithBody(header, EXPIRES);

    // Assert
    expect(result.authorizationHeader).toBe(header);
    expect(result.expiresOn).toBe(EXPIRES);
    expect(Object.isFrozen(result)).toBe(true);
    expect(body).toBe(serializeResult(result));
  });

  it('should keep a header that JSON escapes intact', () => {
    // Arrange: quotes and a backslash shift the text in the body
    const header = 'Bearer "odd"\\token-with-escapes';

    // Act
    const { result, body } = resultWithBody(header, EXPIRES);

    // Assert
    expect(result.authorizationHeader).toBe(header);
    expect(JSON.parse(body)).toMatchObject({ authorizationHeader: header });
  });
});

describe('AnswerOnDemand', () => {
  it('should write the body of its result when asked, once', () => {
    // Arrange
    const result = {
      authorizationHeader: 'Bearer a.b.c',
      expiresOn: EXPIRES,
      longRunningWebApiSessionKey: 'k-2',
    };
    const answer = new AnswerOnDemand(result);

    // Act
    const body = answer.body;

    // Assert
    expect(answer.result).toBe(result);
    expect(body).toBe(serializeResult(result));
    expect(answer.body).toBe(body);
  });
});
