import { describe, expect, it } from 'vitest';
import { TokenRejection } from '../validation.errors';
import { parseCompactJws } from './compact-token';

const segment = (bytes: string | Buffer): string => Buffer.from(bytes).toString('base64url');
const HEADER = segment('{"alg":"RS256","kid":"k"}');
const PAYLOAD = segment('{"sub":"s"}');
const SIGNATURE = segment('signature');

const refusal = (token: string): string | undefined => {
  try {
    parseCompactJws(token);
    return undefined;
  } catch (error) {
    return (error as TokenRejection).detail;
  }
};

describe('parseCompactJws', () => {
  it('should split a compact JWS into its decoded header, payload, signing input and signature', () => {
    // Act
    const jws = parseCompactJws(`${HEADER}.${PAYLOAD}.${SIGNATURE}`);

    // Assert
    expect(jws).toEqual({
      header: { alg: 'RS256', kid: 'k' },
      payload: { sub: 's' },
      signingInput: `${HEADER}.${PAYLOAD}`,
      signature: Buffer.from('signature'),
    });
  });

  it('should read valid UTF-8 beyond ASCII', () => {
    expect(parseCompactJws(`${HEADER}.${segment('{"name":"Zoë 中 😀"}')}.${SIGNATURE}`).payload).toEqual({
      name: 'Zoë 中 😀',
    });
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['a byte UTF-8 never uses', [0xff]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['an overlong encoding', [0xc0, 0xaf]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
  ])('should refuse a payload or header with %s instead of reading it as U+FFFD', (_name, bytes) => {
    // Arrange
    const json = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bytes), Buffer.from('"}')]);

    // Assert
    expect(refusal(`${HEADER}.${segment(json)}.${SIGNATURE}`)).toBe('The token payload is not UTF-8.');
    expect(refusal(`${segment(json)}.${PAYLOAD}.${SIGNATURE}`)).toBe('The token header is not UTF-8.');
  });

  it('should refuse a byte-order mark before the JSON', () => {
    expect(refusal(`${HEADER}.${segment('\ufeff{"sub":"s"}')}.${SIGNATURE}`)).toBe(
      'The token payload is not JSON.',
    );
  });

  it('should refuse a segment with one character beyond its last group of four, which decoding would drop', () => {
    // Arrange: 'e30' is '{}'; 'e30A' would decode to it as well (the A carries no whole byte)
    const header = segment('{"alg":"RS256"}');
    expect(header.length % 4).toBe(0);

    // Assert
    expect(refusal(`${header}A.${PAYLOAD}.${SIGNATURE}`)).toBe('The token header is not base64url.');
    expect(refusal(`${HEADER}.${segment('{"a":"bcde"}')}A.${SIGNATURE}`)).toBe(
      'The token payload is not base64url.',
    );
    expect(refusal(`${HEADER}.${PAYLOAD}.${segment('signat')}A`)).toBe(
      'The token signature is missing or not base64url.',
    );
  });

  it('should refuse base64 padding and the standard alphabet', () => {
    expect(refusal(`${HEADER}.${PAYLOAD}.${SIGNATURE}=`)).toBe(
      'The token signature is missing or not base64url.',
    );
    expect(
      refusal(`${HEADER}.${Buffer.from('{"a":"~~~"}').toString('base64').slice(0, -1)}.${SIGNATURE}`),
    ).toBe('The token payload is not base64url.');
  });
});
