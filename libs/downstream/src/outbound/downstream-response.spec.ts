import { describe, expect, it } from 'vitest';
import { contentHeaders, contentText } from './downstream-response';

describe('contentHeaders', () => {
  it('should keep only content headers, known ones under their .NET names, multi-valued as arrays', () => {
    // Arrange
    const raw = [
      'Content-Type',
      'application/json; charset=utf-8',
      'Content-Length',
      '18',
      'Location',
      'https://elsewhere',
      'WWW-Authenticate',
      'Bearer',
      'request-id',
      'abc',
      'Cache-Control',
      'no-cache',
      'Allow',
      'GET, POST',
      'content-language',
      'en',
      'Content-Language',
      'de, fr',
      'Expires',
      'Thu, 01 Jan 2026 00:00:00 GMT',
      'Last-Modified',
      'Wed, 31 Dec 2025 00:00:00 GMT',
      'Content-Disposition',
      'attachment; filename="a, b.txt"',
    ];

    // Act
    const headers = contentHeaders(raw);

    // Assert
    expect(headers).toEqual({
      'Content-Type': ['application/json; charset=utf-8'],
      'Content-Length': ['18'],
      Allow: ['GET', 'POST'],
      'Content-Language': ['en', 'de', 'fr'],
      Expires: ['Thu, 01 Jan 2026 00:00:00 GMT'],
      'Last-Modified': ['Wed, 31 Dec 2025 00:00:00 GMT'],
      'Content-Disposition': ['attachment; filename="a, b.txt"'],
    });
  });
});

describe('contentHeaders names', () => {
  it('should name known content headers as .NET does and keep other Content-* names as received', () => {
    // Arrange
    const raw = [
      'content-type',
      'text/plain',
      'CONTENT-LENGTH',
      '2',
      'last-modified',
      'x',
      'content-x-trace',
      't',
    ];

    // Act
    const names = Object.keys(contentHeaders(raw));

    // Assert
    expect(names).toEqual(['Content-Type', 'Content-Length', 'Last-Modified', 'content-x-trace']);
  });
});

describe('contentText', () => {
  it('should be null for an empty body', () => {
    expect(contentText(Buffer.alloc(0), 'application/json')).toBeNull();
  });

  it('should keep a 10,000-character body and Unicode and escape characters intact', () => {
    // Arrange
    const text = `${'x'.repeat(10_000)} ünïcødé 🚀 "quoted" \\ \n\t`;

    // Act / Assert
    expect(contentText(Buffer.from(text), 'text/plain')).toBe(text);
  });

  it('should drop a UTF-8 byte order mark', () => {
    expect(contentText(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), 'application/json; charset=utf-8')).toBe(
      '{}',
    );
  });

  it('should decode with the declared charset and fall back to UTF-8 for an unknown one', () => {
    // Act / Assert
    expect(contentText(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'text/plain; charset=ISO-8859-1')).toBe('café');
    expect(contentText(Buffer.from('café'), 'text/plain; charset="no-such-charset"')).toBe('café');
  });
});
